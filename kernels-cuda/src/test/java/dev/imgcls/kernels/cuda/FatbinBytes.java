package dev.imgcls.kernels.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a fatbin container in the layout FatbinImages reads (64-byte entry headers, 8-byte dummy
 * payloads), for tests that need a fatbin without nvcc or a deliberately broken one. The layout
 * itself is checked against nvcc's output by FatbinImagesTest's sample.
 */
final class FatbinBytes {
    static final int ENTRY_HEADER = 64;
    static final int PAYLOAD = 8;

    private FatbinBytes() {
    }

    static byte[] container(KernelImage... images) {
        int entries = images.length * (ENTRY_HEADER + PAYLOAD);
        ByteBuffer b = ByteBuffer.allocate(16 + entries).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(FatbinImages.MAGIC).putShort((short) 1).putShort((short) 16).putLong(entries);
        for (KernelImage i : images) {
            int at = b.position();
            b.putShort(at, (short) (i.kind() == KernelImage.Kind.PTX ? FatbinImages.KIND_PTX : FatbinImages.KIND_ELF));
            b.putShort(at + 2, (short) 0x0101);
            b.putInt(at + 4, ENTRY_HEADER);
            b.putLong(at + 8, PAYLOAD);
            b.putShort(at + 24, (short) i.versionMinor());
            b.putShort(at + 26, (short) i.versionMajor());
            b.putInt(at + 28, i.arch());
            long variant = switch (i.variant()) {
                case GENERIC -> 0;
                case ARCH_SPECIFIC -> FatbinImages.FLAG_ARCH_SPECIFIC;
                case FAMILY_SPECIFIC -> FatbinImages.FLAG_FAMILY_SPECIFIC;
            };
            b.putLong(at + 40, 0x11 | variant);
            b.position(at + ENTRY_HEADER + PAYLOAD);
        }
        return b.array();
    }
}
