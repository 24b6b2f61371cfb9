/**
 * {@code imgcls doctor}: one command a user runs on a new GPU machine. {@link Doctor} runs a list of
 * {@link DoctorCheck}s (driver, libraries, device, the training comparison), prints each one's
 * lines and ends with a one-line verdict; {@link TrainingComparison} trains the same models from
 * the same weights on two backends and measures how far they drift apart. Tests:
 * {@code train/src/test/java/dev/imgcls/train/doctor/}, where a simulated GPU (kernels' test-jar)
 * stands in for the CUDA backend.
 */
package dev.imgcls.train.doctor;
