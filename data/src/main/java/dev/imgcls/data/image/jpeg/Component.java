package dev.imgcls.data.image.jpeg;

/** One colour component of a frame: its sampling, its coefficient blocks, and scan state. */
final class Component {
    final int id;
    final int h;
    final int v;
    final int quantTable;
    /** Width and height of the component's real samples: ceil(image size * sampling / max sampling). */
    int width;
    int height;
    /** Blocks per row and block rows, padded to whole MCUs; coefficient storage has this size. */
    int blocksPerLine;
    int blockRows;
    /** Blocks holding real samples: ceil(width / 8) x ceil(height / 8) (a non-interleaved scan visits these). */
    int blocksWide;
    int blocksHigh;
    /** 64 coefficients per block in natural (row-major) order, blocks row-major. */
    short[] coefficients;
    int dcPredictor;
    HuffmanTable dcTable;
    HuffmanTable acTable;
    /** Dequantization multipliers for the IDCT, latched from the quantization table at the first scan. */
    int[] multipliers;
    /** Set once any scan has carried coefficients of this component. */
    boolean seen;

    Component(int id, int h, int v, int quantTable) {
        this.id = id;
        this.h = h;
        this.v = v;
        this.quantTable = quantTable;
    }

    int blockOffset(int blockRow, int blockCol) {
        return (blockRow * blocksPerLine + blockCol) * 64;
    }
}
