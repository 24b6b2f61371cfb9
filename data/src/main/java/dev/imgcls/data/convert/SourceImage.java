package dev.imgcls.data.convert;

/**
 * One image to convert.
 *
 * @param path where to read it (local or {@code gs://})
 * @param name what {@code image/filename} records: the path relative to the input folder, or as the CSV gives it
 * @param classIndex 0-based class
 * @param index position in the inventory's {@link ImageInventory.ImageSource}, or -1 for an image file
 */
record SourceImage(String path, String name, int classIndex, int index) {

    /** An image file. */
    SourceImage(String path, String name, int classIndex) {
        this(path, name, classIndex, -1);
    }
}
