package dev.imgcls.kernels.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the names of the symbols a 64-bit little-endian ELF shared library defines in its
 * dynamic symbol table (.dynsym), which is what the JVM's JNI lookup (dlsym) sees. Enough ELF to
 * check JNI entry points without readelf or nm on the build machine.
 */
final class ElfDynamicSymbols {
    private static final int SHT_DYNSYM = 11;
    private static final int SYMBOL_SIZE = 24;

    private ElfDynamicSymbols() {
    }

    static Set<String> defined(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.length < 64 || b.getInt(0) != 0x464c457f) {
            throw new IllegalArgumentException("not an ELF file");
        }
        if (elf[4] != 2 || elf[5] != 1) {
            throw new IllegalArgumentException("only 64-bit little-endian ELF is supported (class " + elf[4] + ", data " + elf[5] + ")");
        }
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

    private static String cString(byte[] data, int start) {
        int end = start;
        while (data[end] != 0) {
            end++;
        }
        return new String(data, start, end - start, StandardCharsets.US_ASCII);
    }
}
