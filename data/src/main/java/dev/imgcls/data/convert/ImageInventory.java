package dev.imgcls.data.convert;

import java.io.IOException;
import java.util.List;

/**
 * The classes and images of a data set to convert. Class {@code k} (0-based) is {@code classNames[k]}
 * and is written as label {@code k + base}.
 *
 * @param source where the pixels come from when they are not image files (IDX arrays), or {@code null}
 *               when every image is a file at its {@link SourceImage#path()}
 */
record ImageInventory(List<String> classNames, List<SourceImage> images, ImageSource source) {

    /** Encodes images that are not files of their own; called from several threads at once. */
    interface ImageSource {
        EncodedImage encode(SourceImage image) throws IOException;
    }

    ImageInventory {
        classNames = List.copyOf(classNames);
        images = List.copyOf(images);
    }

    /** Images that are files. */
    ImageInventory(List<String> classNames, List<SourceImage> images) {
        this(classNames, images, null);
    }

    /** Class names become lines of {@code labels.txt}: they must fit on one. */
    static void checkClassName(String name, String where) throws ConversionException {
        if (name.isBlank() || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            throw new ConversionException(where + ": class name '" + name.replace("\n", "\\n").replace("\r", "\\r")
                    + "' cannot be a line of labels.txt (it is blank or has a line break)");
        }
    }

    /** Images per class index. */
    int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (SourceImage image : images) {
            counts[image.classIndex()]++;
        }
        return counts;
    }

    /** Fails unless at least two classes have images: one class cannot be a classification task. */
    void requireTwoClasses(String source) throws ConversionException {
        int withImages = 0;
        for (int c : classCounts()) {
            withImages += c > 0 ? 1 : 0;
        }
        if (withImages < 2) {
            throw new ConversionException(source + " has images of " + withImages + " class" + (withImages == 1 ? "" : "es")
                    + (classNames.isEmpty() ? "" : " " + classNames) + "; a classifier needs at least 2");
        }
    }
}
