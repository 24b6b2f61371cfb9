package dev.imgcls.data.pipeline;

/**
 * How a data set numbers its classes in {@code image/class/label} (seed-spec §1.4): the reference
 * page says [0, num_classes−1] ({@link #ZERO}, the default); Google's converters and the TPU
 * reference models use [1, num_classes] ({@link #ONE}). The class index is always label − base.
 */
public enum LabelBase {
    ZERO(0),
    ONE(1);

    private final int offset;

    LabelBase(int offset) {
        this.offset = offset;
    }

    /** The smallest valid label: 0 or 1. */
    public int offset() {
        return offset;
    }

    /** The other convention, named in error messages when a label fits it instead. */
    public LabelBase other() {
        return this == ZERO ? ONE : ZERO;
    }

    /** The command-line spelling, {@code --label_base=0} or {@code --label_base=1}. */
    public String flag() {
        return "--label_base=" + offset;
    }

    /** Parses the value of {@code --label_base}: {@code 0} or {@code 1}. */
    public static LabelBase parse(String value) {
        return switch (value.trim()) {
            case "0" -> ZERO;
            case "1" -> ONE;
            default -> throw new IllegalArgumentException("--label_base must be 0 (labels 0..num_classes-1) or 1 (labels 1..num_classes), got '"
                    + value + "'");
        };
    }
}
