package dev.imgcls.kernels.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the images of a fatbin (what {@code nvcc -fatbin} writes and {@code cuModuleLoadData}
 * takes). The container layout is not documented by NVIDIA; these are the community-known facts,
 * checked against nvcc 13.0's output (FatbinImagesTest keeps a sample). All little-endian:
 *
 * <pre>
 * container header, 16 bytes: u32 magic 0xBA55ED50, u16 version 1, u16 header size (16),
 *                             u64 size of the entries that follow
 * entry header (at least 64 bytes; nvcc 13.0 writes 80 for PTX, 112 for sm_100+ SASS), then its payload:
 *   +0  u16 kind: 1 PTX, 2 ELF (SASS), 8 LTO IR      +4  u32 entry header size
 *   +8  u64 payload size (padded to 8 bytes)         +24 u16 minor, +26 u16 major: PTX ISA / ELF code version
 *   +28 u32 arch (80, 90, 100, 103, 120 ...)         +40 u64 flags: 0x100000 arch-specific (sm_90a),
 *                                                        0x200000 family-specific (sm_100f), 0x8000 compressed
 * </pre>
 *
 * Payloads are not read (the driver decompresses and picks the image itself); kinds other than
 * PTX and SASS (LTO IR) are skipped. Several containers back to back are read in turn.
 */
final class FatbinImages {
    static final int MAGIC = 0xBA55ED50;
    static final int KIND_PTX = 1;
    static final int KIND_ELF = 2;
    static final long FLAG_ARCH_SPECIFIC = 0x100000;
    static final long FLAG_FAMILY_SPECIFIC = 0x200000;
    private static final int CONTAINER_HEADER = 16;
    private static final int MIN_ENTRY_HEADER = 64;

    private FatbinImages() {
    }

    /** The PTX and SASS images of {@code fatbin}, in file order; throws when the bytes are not a well-formed fatbin. */
    static List<KernelImage> parse(byte[] fatbin) {
        ByteBuffer b = ByteBuffer.wrap(fatbin).order(ByteOrder.LITTLE_ENDIAN);
        List<KernelImage> images = new ArrayList<>();
        int container = 0;
        do {
            if (fatbin.length - container < CONTAINER_HEADER) {
                throw malformed(container, "truncated container header (" + (fatbin.length - container) + " bytes)");
            }
            if (b.getInt(container) != MAGIC) {
                throw malformed(container, String.format("magic 0x%08X instead of 0x%08X", b.getInt(container), MAGIC));
            }
            int version = Short.toUnsignedInt(b.getShort(container + 4));
            int headerSize = Short.toUnsignedInt(b.getShort(container + 6));
            long size = b.getLong(container + 8);
            if (version != 1 || headerSize < CONTAINER_HEADER) {
                throw malformed(container, "unknown container version " + version + " / header size " + headerSize);
            }
            if (size < 0 || size > fatbin.length - container - headerSize) {
                throw malformed(container, "container of " + size + " bytes runs past the end of the " + fatbin.length + "-byte file");
            }
            long end = container + headerSize + size;
            long entry = container + headerSize;
            while (entry < end) {
                entry = readEntry(b, (int) entry, end, images);
            }
            container = (int) end;
        } while (container < fatbin.length);
        return images;
    }

    /** Adds the entry at {@code at} (when it is PTX or SASS) and returns where the next one starts. */
    private static long readEntry(ByteBuffer b, int at, long end, List<KernelImage> images) {
        if (end - at < MIN_ENTRY_HEADER) {
            throw malformed(at, "truncated entry header (" + (end - at) + " bytes left in the container)");
        }
        int kind = Short.toUnsignedInt(b.getShort(at));
        long headerSize = Integer.toUnsignedLong(b.getInt(at + 4));
        long payload = b.getLong(at + 8);
        if (headerSize < MIN_ENTRY_HEADER || payload < 0 || payload > end - at - headerSize) {
            throw malformed(at, "entry with a " + headerSize + "-byte header and a " + payload + "-byte payload does not fit its container");
        }
        int minor = Short.toUnsignedInt(b.getShort(at + 24));
        int major = Short.toUnsignedInt(b.getShort(at + 26));
        int arch = b.getInt(at + 28);
        long flags = b.getLong(at + 40);
        KernelImage.Variant variant = (flags & FLAG_ARCH_SPECIFIC) != 0 ? KernelImage.Variant.ARCH_SPECIFIC
                : (flags & FLAG_FAMILY_SPECIFIC) != 0 ? KernelImage.Variant.FAMILY_SPECIFIC : KernelImage.Variant.GENERIC;
        if (kind == KIND_PTX) {
            images.add(new KernelImage(KernelImage.Kind.PTX, arch, variant, major, minor));
        } else if (kind == KIND_ELF) {
            images.add(new KernelImage(KernelImage.Kind.SASS, arch, variant, major, minor));
        }
        return at + headerSize + payload;
    }

    private static IllegalArgumentException malformed(long offset, String what) {
        return new IllegalArgumentException("not a well-formed fatbin: " + what + " at byte " + offset
                + "; rebuild kernels-cuda with nvcc (src/build/compile-cu.sh)");
    }
}
