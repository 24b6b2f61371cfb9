/**
 * A JPEG decoder written to reproduce TensorFlow's {@code DecodeJpeg}/{@code DecodeAndCropJpeg}
 * (libjpeg-turbo) bit for bit: Huffman sequential and progressive coding, every integer sampling
 * ratio, gray/YCbCr/RGB/CMYK/YCCK, libjpeg-turbo's IFAST (TF's default) and ISLOW inverse DCTs,
 * its "fancy" upsampling and colour tables, and TF's own CMYK -> RGB rule.
 *
 * <p>Why our own: the JDK's ImageIO reader (IJG libjpeg 6b, ISLOW only) equals TF's
 * {@code dct_method="INTEGER_ACCURATE"} exactly, but TF decodes with INTEGER_FAST by default; on
 * photo-like 500x375 quality-90 4:2:0 images ImageIO differs from TF's default by up to 5 levels
 * (mean about 1 level per sample), and it cannot read CMYK/YCCK at all.
 */
package dev.imgcls.data.image.jpeg;
