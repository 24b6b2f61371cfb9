#!/usr/bin/env bash
# Fashion-MNIST end to end: the Debian package's IDX files -> TFRecords -> a ResNet-18 trained on the CPU.
#
#   apt-get install dataset-fashion-mnist     # once: the 60,000 training and 10,000 test images
#   examples/fashion-mnist.sh                 # about 15 minutes on 2 cores; OUT=/somewhere to choose the folder
#
# What it does:
#   1. converts train-images/-labels (all 60,000, --validation_fraction=0) into $OUT/data/train-*.tfrec and
#      the t10k test set (10,000, --split_name=validation) into $OUT/data/validation-*.tfrec; both share
#      labels.txt with the 10 class names. Each 28x28 grey image is stored as a lossless PNG. Conversion
#      takes about 20 seconds and writes about 56 MB. A folder that already holds a split is not converted again.
#   2. trains a ResNet-18 at 32x32 (the trainer's preprocessing crops and resizes the 28x28 images to the
#      network input) into $OUT/job. Running the script again on the same $OUT resumes that job from its
#      last checkpoint; delete $OUT/job to start over.
#
# Training settings (each can be overridden from the environment), chosen for about 10-15 minutes on 2 cores:
#   MAX_STEPS=600          600 steps x 64 images = 38,400 images, about 2/3 of an epoch: enough for a
#                          from-scratch ResNet-18 to get well past chance (10%) on Fashion-MNIST, not to converge
#                          (published ResNet-18 results of ~93-94% take tens of epochs).
#   LEARNING_RATE=0.05     momentum 0.9 SGD at batch 64, with a 50-step linear warm-up from 0 (batch norm
#                          makes a from-scratch start at this rate stable) and cosine decay to 0 at MAX_STEPS.
#   NUM_EVAL_IMAGES=2000   each evaluation uses 2,000 of the 10,000 test images so that the evaluations every
#                          EVAL_EVERY_STEPS=200 steps cost seconds, not minutes; 0 evaluates on all 10,000.
#   Weight decay and label smoothing stay at the trainer's defaults (1e-4, 0).
#
# Small pictures (see the README's Fashion-MNIST section); unset, the trainer keeps the reference's crops:
#   EVAL_CROP_PADDING=0    --eval_crop_padding: evaluate (and serve) the whole 28x28 picture, not its central 14x14.
#   MIN_CROP_AREA=0.5      --min_crop_area: training crops keep at least half of the picture, not 8 %.
#   JOB=$OUT/job-small     a job folder of its own: a job resumed with other crops than it started with stops.
#   e.g.  EVAL_CROP_PADDING=0 MIN_CROP_AREA=0.5 JOB=/tmp/fashion-mnist/job-small examples/fashion-mnist.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
source_dir="${FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}"
out="${OUT:-/tmp/fashion-mnist}"
data="$out/data"
job="${JOB:-$out/job}"
max_steps="${MAX_STEPS:-600}"
learning_rate="${LEARNING_RATE:-0.05}"
eval_every_steps="${EVAL_EVERY_STEPS:-200}"
num_eval_images="${NUM_EVAL_IMAGES:-2000}"
crop_flags=()
if [ -n "${EVAL_CROP_PADDING:-}" ]; then crop_flags+=("--eval_crop_padding=$EVAL_CROP_PADDING"); fi
if [ -n "${MIN_CROP_AREA:-}" ]; then crop_flags+=("--min_crop_area=$MIN_CROP_AREA"); fi
class_names='T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot'

for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
  if [ ! -f "$source_dir/$f" ]; then
    echo "fashion-mnist.sh: $source_dir/$f not found. Install the data set with:" >&2
    echo "  sudo apt-get install dataset-fashion-mnist" >&2
    echo "(or set FASHION_MNIST_DIR to a folder holding the four IDX .gz files)" >&2
    exit 1
  fi
done

imgcls="$repo/bin/imgcls"
if [ ! -f "${IMGCLS_JAR:-$repo/train/target/imgcls.jar}" ]; then
  echo "fashion-mnist.sh: building the imgcls jar (mvn -q -DskipTests package) ..."
  (cd "$repo" && mvn -q -DskipTests package)
fi

mkdir -p "$data"
# The converter deletes what it wrote when it fails, so an existing split is a complete one.
if compgen -G "$data/train-*.tfrec" > /dev/null; then
  echo "fashion-mnist.sh: $data already holds the training split; not converting it again"
else
  "$imgcls" make-tfrecords \
    --input_idx_images="$source_dir/train-images-idx3-ubyte.gz" \
    --input_idx_labels="$source_dir/train-labels-idx1-ubyte.gz" \
    --class_names="$class_names" \
    --validation_fraction=0 \
    --output_dir="$data"
fi
if compgen -G "$data/validation-*.tfrec" > /dev/null; then
  echo "fashion-mnist.sh: $data already holds the validation (test) split; not converting it again"
else
  "$imgcls" make-tfrecords \
    --input_idx_images="$source_dir/t10k-images-idx3-ubyte.gz" \
    --input_idx_labels="$source_dir/t10k-labels-idx1-ubyte.gz" \
    --class_names="$class_names" \
    --split_name=validation \
    --output_dir="$data"
fi

"$imgcls" train \
  --training_data_path="$data/train-*" \
  --validation_data_path="$data/validation-*" \
  --job-dir="$job" \
  --num_classes=10 \
  --model_type=resnet-18 \
  --image_size=32 \
  --max_steps="$max_steps" \
  --train_batch_size=64 \
  --initial_learning_rate="$learning_rate" \
  --warmup_steps=50 \
  --learning_rate_decay_type=cosine \
  --optimizer_type=momentum \
  --optimizer_arguments=momentum=0.9 \
  --eval_every_steps="$eval_every_steps" \
  --num_eval_images="$num_eval_images" \
  ${crop_flags[@]+"${crop_flags[@]}"}

echo "fashion-mnist.sh: done; the job's checkpoints, metrics and exported model are in $job"
