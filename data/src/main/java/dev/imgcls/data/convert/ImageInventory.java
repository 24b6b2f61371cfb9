package dev.imgcls.data.convert;

import java.util.List;

/**
 * The classes and images of a data set to convert. Class {@code k} (0-based) is {@code classNames[k]}
 * and is written as label {@code k + base}.
 */
record ImageInventory(List<String> classNames, List<SourceImage> images) {

    ImageInventory {
        classNames = List.copyOf(classNames);
        images = List.copyOf(images);
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
