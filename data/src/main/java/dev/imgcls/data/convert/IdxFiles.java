package dev.imgcls.data.convert;

import dev.imgcls.io.FileSystems;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST: a big-endian header (magic {@code 0x0000TTRR},
 * type {@code TT} = 0x08 for unsigned bytes, rank {@code RR}), one 32-bit size per dimension, then
 * the data. Files may be gzip-compressed, as they are distributed; that is told from the first two
 * bytes, not the name. Every error names the file.
 */
final class IdxFiles {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    /** {@code count} images of {@code rows × cols} grey pixels, row-major, one after another. */
    record Images(String file, int count, int rows, int cols, byte[] pixels) {
        int pixelsPerImage() {
            return rows * cols;
        }
    }

    /** {@code count} class ids, one unsigned byte each. */
    record Labels(String file, byte[] values) {
        int count() {
            return values.length;
        }

        int get(int i) {
            return values[i] & 0xFF;
        }
    }

    private IdxFiles() {}

    static Images readImages(String file, FileSystems fileSystems) throws IOException {
        byte[] b = contents(file, fileSystems);
        checkMagic(b, file, IMAGES_MAGIC, "images (unsigned bytes, 3 dimensions)");
        int count = dimension(b, file, 0);
        int rows = dimension(b, file, 1);
        int cols = dimension(b, file, 2);
        int header = 16;
        long expected = (long) count * rows * cols;
        checkLength(b, file, header, expected, count + " images of " + rows + "x" + cols);
        if (rows == 0 || cols == 0) {
            throw new ConversionException(file + ": images of " + rows + "x" + cols + " pixels are empty");
        }
        byte[] pixels = new byte[(int) expected];
        System.arraycopy(b, header, pixels, 0, pixels.length);
        return new Images(file, count, rows, cols, pixels);
    }

    static Labels readLabels(String file, FileSystems fileSystems) throws IOException {
        byte[] b = contents(file, fileSystems);
        checkMagic(b, file, LABELS_MAGIC, "labels (unsigned bytes, 1 dimension)");
        int count = dimension(b, file, 0);
        int header = 8;
        checkLength(b, file, header, count, count + " labels");
        byte[] values = new byte[count];
        System.arraycopy(b, header, values, 0, count);
        return new Labels(file, values);
    }

    /** The file's bytes, gunzipped when they start with the gzip magic 1F 8B. */
    private static byte[] contents(String file, FileSystems fileSystems) throws IOException {
        byte[] raw;
        try (InputStream in = fileSystems.resolve(file).openRead(file)) {
            raw = in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new ConversionException("cannot read IDX file " + file + ": no such file", e);
        }
        if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ConversionException(file + ": damaged or truncated gzip data (" + e.getMessage() + ")", e);
            }
        }
        return raw;
    }

    private static void checkMagic(byte[] b, String file, int expected, String what) throws ConversionException {
        if (b.length < 4) {
            throw new ConversionException(file + ": truncated IDX file: " + b.length + " bytes, too short for a header");
        }
        int magic = int32(b, 0);
        if (magic != expected) {
            throw new ConversionException(String.format("%s: not an IDX file of %s: magic number 0x%08X, expected 0x%08X", file, what,
                    magic, expected));
        }
    }

    private static int dimension(byte[] b, String file, int index) throws ConversionException {
        int at = 4 + 4 * index;
        if (b.length < at + 4) {
            throw new ConversionException(file + ": truncated IDX file: " + b.length + " bytes end inside the header");
        }
        int size = int32(b, at);
        if (size < 0) {
            throw new ConversionException(file + ": dimension " + index + " has a negative size " + size);
        }
        return size;
    }

    private static void checkLength(byte[] b, String file, int header, long expected, String what) throws ConversionException {
        long actual = b.length - header;
        if (expected > Integer.MAX_VALUE - 16) {
            throw new ConversionException(file + ": " + what + " is too large to convert in one piece");
        }
        if (actual < expected) {
            throw new ConversionException(file + ": truncated IDX file: the header announces " + what + " (" + expected
                    + " data bytes) but only " + actual + " follow");
        }
        if (actual > expected) {
            throw new ConversionException(file + ": " + (actual - expected) + " unexpected bytes after the " + what
                    + " the header announces");
        }
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
