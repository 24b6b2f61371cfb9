/**
 * The backend service-provider interface: <b>for backend implementers only</b>; users of the
 * engine never need it. A {@link dev.imgcls.tensor.spi.Backend} (found with
 * {@link java.util.ServiceLoader} from {@code META-INF/services/dev.imgcls.tensor.spi.Backend})
 * allocates {@link dev.imgcls.tensor.spi.Storage} for one device kind and maps each
 * {@code OpDef} to a {@link dev.imgcls.tensor.spi.Kernel} through its
 * {@link dev.imgcls.tensor.spi.KernelTable}. {@link dev.imgcls.tensor.spi.TensorAccess} is the
 * one door from a {@code Tensor} to its storage and back.
 *
 * <pre>{@code
 * table.put(ElementwiseOps.NEG, (a, in, out) -> {
 *     float[] x = TensorAccess.host(in[0]).floats(), y = TensorAccess.host(out[0]).floats();
 *     for (int i = 0; i < x.length; i++) y[i] = -x[i];
 * });
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Kernels</b> get inputs already checked by the op's shape rule and outputs already
 *       allocated with the shapes and dtypes it gave, all on this backend's device. They must not
 *       write their inputs, and must write every element of their outputs: output contents are
 *       unspecified (recycled arrays, NaN-filled in test builds by {@code -Dimgcls.poison=true}).</li>
 *   <li><b>Ownership.</b> Storage is reference counted: a tensor holds one reference, a view
 *       {@link dev.imgcls.tensor.spi.Storage#retain}s its own, and the memory goes back to the
 *       backend (or {@link dev.imgcls.tensor.spi.HostArrayPool}) on the last
 *       {@link dev.imgcls.tensor.spi.Storage#release}. {@code TensorAccess.fromStorage} takes over
 *       the caller's reference. Code that keeps a storage beyond a kernel call must retain it.</li>
 *   <li><b>Host storage.</b> {@link dev.imgcls.tensor.spi.HostStorage} is a Java array of the
 *       dtype's element type (UINT8 read unsigned) shared by all host backends, so CPU tensors
 *       move between them without copies; its arrays may be handed to kernels directly.</li>
 *   <li><b>Threads.</b> A kernel may be called from any thread and may parallelise internally;
 *       {@code retain}/{@code release} of host storage and the array pool are synchronised.</li>
 * </ul>
 *
 * <p>Tests: {@code tensor/src/test/java/dev/imgcls/tensor/spi/HostArrayPoolTest} and
 * {@code BackendDiscoveryTest} (with the test backends {@code ArrayBackend} and
 * {@code BrokenBackend}); kernels are tested in the kernels module.
 */
package dev.imgcls.tensor.spi;
