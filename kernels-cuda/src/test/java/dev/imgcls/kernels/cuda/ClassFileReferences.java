package dev.imgcls.kernels.cuda;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * The methods a compiled class refers to (its constant pool's Methodref entries), as
 * "owner/Class.name" strings, and its UTF-8 constants: a way to list what our code uses in a
 * library without running it.
 */
final class ClassFileReferences {
    private ClassFileReferences() {
    }

    static Set<String> methodRefs(InputStream classFile) throws IOException {
        return read(classFile).methodRefs;
    }

    /**
     * Every UTF-8 constant of the class: class names ("jcuda/nvrtc/JNvrtc"), member names and
     * descriptors, so a reference to a package shows up however it is used (call, field, type).
     */
    static Set<String> utf8Constants(InputStream classFile) throws IOException {
        return read(classFile).utf8;
    }

    private record Constants(Set<String> methodRefs, Set<String> utf8) {
    }

    private static Constants read(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int[][] memberRefs = new int[count][];
        int[] nameAndTypeName = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // 8-byte constants take two slots
                }
                case 10, 11 -> memberRefs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 9, 17, 18 -> in.readInt();
                case 12 -> {
                    nameAndTypeName[i] = in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> refs = new HashSet<>();
        for (int[] ref : memberRefs) {
            if (ref != null) {
                refs.add(utf8[classNameIndex[ref[0]]] + "." + utf8[nameAndTypeName[ref[1]]]);
            }
        }
        Set<String> strings = new HashSet<>();
        for (String u : utf8) {
            if (u != null) {
                strings.add(u);
            }
        }
        return new Constants(refs, strings);
    }
}
