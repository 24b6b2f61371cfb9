package dev.imgcls.data.convert;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A local folder with one sub-folder per class ({@code root/cat/001.jpg}, {@code root/dog/x/2.png}):
 * class names are the sub-folder names, sorted, and their order gives the labels. Images may sit
 * at any depth inside a class folder; hidden files and folders (names starting with '.') are
 * skipped, files without an image extension are skipped with a warning.
 */
final class FolderInventory {

    static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "png", "gif", "bmp", "wbmp", "tif", "tiff");

    private FolderInventory() {}

    static ImageInventory scan(Path root, PrintStream warnings) throws IOException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "input folder does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root + " (--input_dir must be a folder with one sub-folder per class)");
        }
        List<Path> classFolders = new ArrayList<>();
        List<String> strayFiles = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path p : entries.sorted().toList()) {
                if (isHidden(p)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    classFolders.add(p);
                } else {
                    strayFiles.add(p.getFileName().toString());
                }
            }
        }
        if (!strayFiles.isEmpty()) {
            warnings.println("make-tfrecords: warning: ignoring " + strayFiles.size() + " file(s) directly in " + root
                    + " (images must be inside class folders), e.g. " + strayFiles.get(0));
        }
        List<String> classNames = new ArrayList<>();
        List<SourceImage> images = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path folder : classFolders) {
            String name = folder.getFileName().toString();
            ImageInventory.checkClassName(name, "class folder " + folder);
            int classIndex = classNames.size();
            classNames.add(name);
            int before = images.size();
            for (Path file : filesUnder(folder)) {
                if (IMAGE_EXTENSIONS.contains(extension(file))) {
                    images.add(new SourceImage(file.toString(), root.relativize(file).toString().replace('\\', '/'), classIndex));
                } else {
                    skipped.add(root.relativize(file).toString());
                }
            }
            if (images.size() == before) {
                throw new ConversionException("class folder " + folder + " has no images (files ending in "
                        + String.join(", ", IMAGE_EXTENSIONS.stream().sorted().map(e -> "." + e).toList())
                        + "); remove it or add images");
            }
        }
        if (!skipped.isEmpty()) {
            warnings.println("make-tfrecords: warning: skipped " + skipped.size()
                    + " file(s) without an image extension, e.g. " + skipped.get(0));
        }
        ImageInventory inventory = new ImageInventory(classNames, images);
        inventory.requireTwoClasses("input folder " + root);
        return inventory;
    }

    /** Regular, non-hidden files under a folder (not inside hidden folders), in sorted path order. */
    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !hasHiddenPart(folder.relativize(p)))
                    .sorted()
                    .toList();
        }
    }

    private static boolean hasHiddenPart(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
