package dev.imgcls.export.warmstart;

/** Shapes as TensorFlow's checkpoint tools print them: {@code [3,3,32,64]}. */
final class ShapeText {

    private ShapeText() {}

    static String of(long[] dims) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ",").append(dims[i]);
        }
        return s.append(']').toString();
    }

    static String of(int[] dims) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ",").append(dims[i]);
        }
        return s.append(']').toString();
    }
}
