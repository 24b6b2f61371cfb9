package dev.imgcls.kernels.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the names of the symbols a 64-bit little-endian ELF shared library defines in its
 * dynamic symbol table (.dynsym), which is what the JVM's JNI lookup (dlsym) sees, and the
 * libraries it needs (DT_NEEDED). Enough ELF to check JNI entry points and link-time dependencies
 * without readelf or nm on the build machine.
 */
final class ElfDynamicSymbols {
    private static final int SHT_DYNSYM = 11;
    private static final int SYMBOL_SIZE = 24;
    private static final int SHT_DYNAMIC = 6;
    private static final int DYNAMIC_SIZE = 16;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;

    private ElfDynamicSymbols() {
    }

    static Set<String> defined(byte[] elf) {
        ByteBuffer b = header(elf);
        long sectionTable = b.getLong(0x28);
        int entrySize = Short.toUnsignedInt(b.getShort(0x3A));
        int count = Short.toUnsignedInt(b.getShort(0x3C));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int sh = (int) (sectionTable + (long) i * entrySize);
            if (b.getInt(sh + 4) != SHT_DYNSYM) {
                continue;
            }
            long offset = b.getLong(sh + 0x18);
            long size = b.getLong(sh + 0x20);
            int link = b.getInt(sh + 0x28);
            int strSection = (int) (sectionTable + (long) link * entrySize);
            long strOffset = b.getLong(strSection + 0x18);
            for (long s = offset; s + SYMBOL_SIZE <= offset + size; s += SYMBOL_SIZE) {
                int nameIndex = b.getInt((int) s);
                int sectionIndex = Short.toUnsignedInt(b.getShort((int) s + 6));
                if (nameIndex != 0 && sectionIndex != 0) { // section 0 = undefined (an import)
                    names.add(cString(elf, (int) (strOffset + nameIndex)));
                }
            }
        }
        return names;
    }

    /** The DT_NEEDED entries of the dynamic section: the libraries the loader must find before this one loads. */
    static List<String> needed(byte[] elf) {
        ByteBuffer b = header(elf);
        long sectionTable = b.getLong(0x28);
        int entrySize = Short.toUnsignedInt(b.getShort(0x3A));
        int count = Short.toUnsignedInt(b.getShort(0x3C));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int sh = (int) (sectionTable + (long) i * entrySize);
            if (b.getInt(sh + 4) != SHT_DYNAMIC) {
                continue;
            }
            long offset = b.getLong(sh + 0x18);
            long size = b.getLong(sh + 0x20);
            int strSection = (int) (sectionTable + (long) b.getInt(sh + 0x28) * entrySize);
            long strOffset = b.getLong(strSection + 0x18);
            for (long d = offset; d + DYNAMIC_SIZE <= offset + size; d += DYNAMIC_SIZE) {
                long tag = b.getLong((int) d);
                if (tag == DT_NULL) {
                    break;
                }
                if (tag == DT_NEEDED) {
                    names.add(cString(elf, (int) (strOffset + b.getLong((int) d + 8))));
                }
            }
        }
        return names;
    }

    private static ByteBuffer header(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.length < 64 || b.getInt(0) != 0x464c457f) {
            throw new IllegalArgumentException("not an ELF file");
        }
        if (elf[4] != 2 || elf[5] != 1) {
            throw new IllegalArgumentException("only 64-bit little-endian ELF is supported (class " + elf[4] + ", data " + elf[5] + ")");
        }
        return b;
    }

    private static String cString(byte[] data, int start) {
        int end = start;
        while (data[end] != 0) {
            end++;
        }
        return new String(data, start, end - start, StandardCharsets.US_ASCII);
    }
}
