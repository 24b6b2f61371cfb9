/**
 * {@code inspect} on a TFRecord data file, which users pass by mistake (it sits beside the job):
 * {@link dev.imgcls.data.inspect.InspectTfRecord} recognises one by its checksummed header and
 * summarises it. The {@code inspect} command ({@code train.command.InspectCommand}) offers it to
 * export's {@code Inspect} beside the SavedModel and checkpoint views; tests live in this
 * package's test tree.
 */
package dev.imgcls.data.inspect;
