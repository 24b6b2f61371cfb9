package dev.imgcls.data.convert;

import dev.imgcls.io.FileSystems;
import dev.imgcls.tensor.Generator;

import java.util.ArrayList;
import java.util.List;

/**
 * Which image goes to which file. The split is stratified: each class gives {@code round(fraction ×
 * its images)} to validation, so every class is evaluated in proportion even when classes are
 * unbalanced. Both splits are then shuffled (seeded, so a rerun writes identical files) so that
 * each shard mixes classes, and cut into contiguous shards of near-equal size named
 * {@code train-00000-of-00004.tfrec}.
 */
record ShardPlan(List<Shard> train, List<Shard> validation) {

    /** Images per shard when the shard count is left to us: about 100 MB of ImageNet-size JPEGs. */
    static final int AUTO_IMAGES_PER_SHARD = 1024;

    record Shard(String path, List<SourceImage> images) {}

    List<Shard> all() {
        List<Shard> all = new ArrayList<>(train);
        all.addAll(validation);
        return all;
    }

    int imageCount() {
        return all().stream().mapToInt(s -> s.images().size()).sum();
    }

    /**
     * @param trainShards shards of the training split, 0 for automatic
     * @param validationShards shards of the validation split, 0 for automatic
     */
    static ShardPlan of(ImageInventory inventory, double validationFraction, int trainShards, int validationShards, long seed,
                        String outputDir) throws ConversionException {
        if (!(validationFraction >= 0 && validationFraction <= 1)) {
            throw new IllegalArgumentException("--validation_fraction must be in [0, 1], got " + validationFraction);
        }
        Generator random = new Generator(seed);
        List<List<SourceImage>> byClass = new ArrayList<>();
        for (int c = 0; c < inventory.classNames().size(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (SourceImage image : inventory.images()) {
            byClass.get(image.classIndex()).add(image);
        }
        List<SourceImage> train = new ArrayList<>();
        List<SourceImage> validation = new ArrayList<>();
        for (List<SourceImage> images : byClass) {
            shuffle(images, random);
            int toValidation = (int) Math.round(images.size() * validationFraction);
            validation.addAll(images.subList(0, toValidation));
            train.addAll(images.subList(toValidation, images.size()));
        }
        shuffle(train, random);
        shuffle(validation, random);
        return new ShardPlan(shards("train", train, trainShards, outputDir), shards("validation", validation, validationShards, outputDir));
    }

    private static List<Shard> shards(String split, List<SourceImage> images, int requested, String outputDir)
            throws ConversionException {
        if (images.isEmpty()) {
            return List.of();
        }
        int count = requested > 0 ? requested : (images.size() + AUTO_IMAGES_PER_SHARD - 1) / AUTO_IMAGES_PER_SHARD;
        if (count > images.size()) {
            throw new ConversionException("--" + split + "_shards=" + requested + " is more than the " + images.size() + " " + split
                    + " images: some files would be empty");
        }
        List<Shard> shards = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int from = (int) ((long) images.size() * s / count);
            int to = (int) ((long) images.size() * (s + 1) / count);
            String name = String.format("%s-%05d-of-%05d.tfrec", split, s, count);
            shards.add(new Shard(FileSystems.join(outputDir, name), List.copyOf(images.subList(from, to))));
        }
        return shards;
    }

    /** Fisher-Yates with the seeded generator. */
    private static <T> void shuffle(List<T> list, Generator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = (int) ((Integer.toUnsignedLong(random.nextInt()) * (i + 1)) >>> 32);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
