package dev.imgcls.data.convert;

import dev.imgcls.io.FileSystems;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An IDX pair of images and labels (MNIST, Fashion-MNIST) as an inventory. Each image is stored as
 * an 8-bit grey PNG: lossless, so the pixels are exactly the IDX bytes, and the trainer's decoder
 * expands grey to 3 equal channels. Labels are class ids 0..n-1; class names come from
 * {@code --class_names} or are the ids themselves.
 */
final class IdxInventory implements ImageInventory.ImageSource {

    private final IdxFiles.Images images;

    private IdxInventory(IdxFiles.Images images) {
        this.images = images;
    }

    /**
     * @param classNames names of classes 0..n-1, or {@code null} to name them by id (0..max label)
     */
    static ImageInventory read(String imagesFile, String labelsFile, List<String> classNames, FileSystems fileSystems)
            throws IOException {
        IdxFiles.Images images = IdxFiles.readImages(imagesFile, fileSystems);
        IdxFiles.Labels labels = IdxFiles.readLabels(labelsFile, fileSystems);
        if (images.count() != labels.count()) {
            throw new ConversionException(imagesFile + " holds " + images.count() + " images but " + labelsFile + " holds "
                    + labels.count() + " labels; they must be a matching pair");
        }
        int maxLabel = -1;
        for (int i = 0; i < labels.count(); i++) {
            maxLabel = Math.max(maxLabel, labels.get(i));
        }
        List<String> names = classNames != null ? classNames : idNames(maxLabel + 1);
        if (maxLabel >= names.size()) {
            throw new ConversionException(labelsFile + " has label " + maxLabel + " but --class_names names only " + names.size()
                    + " classes (0.." + (names.size() - 1) + ")");
        }
        for (String name : names) {
            ImageInventory.checkClassName(name, "--class_names");
        }
        String prefix = namePrefix(imagesFile);
        List<SourceImage> list = new ArrayList<>(images.count());
        for (int i = 0; i < images.count(); i++) {
            list.add(new SourceImage(imagesFile, String.format("%s-idx-%05d.png", prefix, i), labels.get(i), i));
        }
        ImageInventory inventory = new ImageInventory(names, list, new IdxInventory(images));
        inventory.requireTwoClasses(imagesFile + " with " + labelsFile);
        return inventory;
    }

    private static List<String> idNames(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /** "train" for ".../train-images-idx3-ubyte.gz": the file name up to its first '-' or '.'. */
    static String namePrefix(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int end = name.length();
        for (char c : new char[] {'-', '.'}) {
            int at = name.indexOf(c);
            if (at > 0) {
                end = Math.min(end, at);
            }
        }
        return name.substring(0, end);
    }

    @Override
    public EncodedImage encode(SourceImage image) throws IOException {
        int rows = images.rows();
        int cols = images.cols();
        BufferedImage grey = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[cols];
        int offset = image.index() * images.pixelsPerImage();
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                row[x] = images.pixels()[offset + y * cols + x] & 0xFF;
            }
            grey.getRaster().setSamples(0, y, cols, 1, 0, row); // raw samples: no colour management
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(2 * rows * cols);
        // In memory: ImageIO.write to a plain stream would go through a temporary file per image.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(png)) {
            if (!ImageIO.write(grey, "png", stream)) {
                throw new IOException("no PNG writer available to store " + image.name());
            }
        }
        return new EncodedImage(png.toByteArray(), "PNG", cols, rows, 1, "GRAYSCALE");
    }
}
