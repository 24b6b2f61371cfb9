#!/usr/bin/env bash
# The GPU check, in the folder bin/gpu-check assembled: runs on a machine with only an NVIDIA driver
# and the CUDA libraries (no Java, no Maven), in a 10-minute window, and writes one log.
#   1. imgcls doctor                      (driver, libraries, device, CPU-vs-GPU training steps)
#   2. GPU tests                          (the op suite CUDA vs CPU, then the CUDA module's own tests)
#   3. imgcls bench --device=gpu          (resnet-50 and efficientnet-b0, 224 px, batch 64)
# Usage: run.sh [--dry-run]
#   --dry-run: on a machine without a GPU (bin/gpu-check --dry-run): the doctor's "no GPU" exit 2 is
#   expected, the GPU tests skip, the op suite runs on the simulated device instead, bench is skipped.
# Log: $GPU_CHECK_LOG (default: gpu-check.log beside this script). Time limit per stage, in seconds
# (together 570 s, so the whole fits a 10-minute window with the JVM starts): GPU_CHECK_DOCTOR_S (150),
# GPU_CHECK_OPSUITE_S (150), GPU_CHECK_CUDATESTS_S (90), GPU_CHECK_BENCH_S (90 per model).
# Exit status: 0 when every stage passed, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
java="$here/jre/bin/java"
jar="$here/lib/imgcls.jar"
log="${GPU_CHECK_LOG:-$here/gpu-check.log}"
dry_run=false
failed=()
doctor_s=${GPU_CHECK_DOCTOR_S:-150}
opsuite_s=${GPU_CHECK_OPSUITE_S:-150}
cudatests_s=${GPU_CHECK_CUDATESTS_S:-90}
bench_s=${GPU_CHECK_BENCH_S:-90}
# The test build's JVM options (the parent pom's test.jvm.args), so the tests run as under Maven.
# java.util.logging's default record takes two lines; one line each, as the trainer prints them.
test_jvm=(--add-modules=jdk.incubator.vector -Xmx6g -Xss4m -Dimgcls.poison=true '-Djava.util.logging.SimpleFormatter.format=%4$s: %5$s%6$s%n')

say() { echo "gpu-check: $*" | tee -a "$log"; }

# Runs one stage under a time limit, its output into the log (and the console); $1 is the stage's
# name, $2 its limit in seconds, $3 the exit statuses that count as a pass (e.g. "0" or "0 2").
stage() {
  local name=$1 limit=$2 accepted=$3 start rc
  shift 3
  say "---- $name (limit ${limit} s): $*"
  start=$(date +%s)
  set +e
  # The JVM's "Using incubator modules" line says nothing about the GPU: kept out of the log.
  timeout --kill-after=10 "$limit" "$@" 2>&1 | grep --line-buffered -vx 'WARNING: Using incubator modules: jdk.incubator.vector' \
    | tee -a "$log"
  rc=${PIPESTATUS[0]}
  set -e
  local took=$(( $(date +%s) - start ))
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    say "---- $name: TIMED OUT after ${took} s (limit ${limit} s)"
    failed+=("$name (timed out)")
  elif [[ " $accepted " == *" $rc "* ]]; then
    say "---- $name: passed (exit $rc, ${took} s)"
  else
    say "---- $name: FAILED (exit $rc, ${took} s)"
    failed+=("$name (exit $rc)")
  fi
}

# The commands (arrays, not functions: timeout runs programs).
imgcls=("$java" --add-modules=jdk.incubator.vector -XX:MaxRAMPercentage=75 -jar "$jar")
tests=("$java" "${test_jvm[@]}" -cp "$jar:$here/test-lib/*") # then -D properties, the main class, its arguments
console_tests=dev.imgcls.kernels.testing.ConsoleTests
op_suite=(--tag=op-suite '--classes=dev\.imgcls\.kernels\.ops\..*OpsTest' "$here/test-lib/imgcls-kernels-tests.jar")

run_doctor() {
  local accepted="0"
  if $dry_run; then accepted="2"; fi # no GPU here: the doctor's one line and exit 2 are the expected result
  stage "doctor" "$doctor_s" "$accepted" "${imgcls[@]}" doctor
}

run_gpu_tests() {
  # The op suite's backend list comes from this property (BackendsUnderTest): only the CUDA backend here.
  stage "op suite, CUDA vs CPU" "$opsuite_s" "0" "${tests[@]}" -Dimgcls.opsuite.backends=cuda "$console_tests" "${op_suite[@]}"
  # JcudaNativeSymbolsTest reads the build's class folders (a build check; it ran in the build), not a jar.
  stage "CUDA module tests" "$cudatests_s" "0" "${tests[@]}" "$console_tests" '--exclude=.*\.JcudaNativeSymbolsTest' \
    "$here/test-lib/imgcls-kernels-cuda-tests.jar"
  if $dry_run; then
    stage "op suite, simulated device vs CPU" "$opsuite_s" "0" \
      "${tests[@]}" -Dimgcls.opsuite.backends=simulated-gpu "$console_tests" "${op_suite[@]}"
  fi
}

run_bench() {
  local model
  for model in resnet-50 efficientnet-b0; do
    if $dry_run; then
      say "---- bench $model: skipped (dry run: no GPU to measure)"
      continue
    fi
    stage "bench $model 224 px, batch 64" "$bench_s" "0" \
      "${imgcls[@]}" bench --device=gpu --model_type="$model" --image_size=224 --train_batch_size=64 --warmup_steps=3 --steps=10
  done
}

main() {
  case "${1:-}" in
    --dry-run) dry_run=true ;;
    "") ;;
    *) echo "usage: run.sh [--dry-run]" >&2; exit 2 ;;
  esac
  : > "$log"
  say "$(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(uname -n); java: $java ($("$java" -version 2>&1 | head -1)); dry run: $dry_run"
  if command -v nvidia-smi > /dev/null; then
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | sed 's/^/gpu-check: nvidia-smi: /' | tee -a "$log" || true
  fi
  run_doctor
  run_gpu_tests
  run_bench
  if [ ${#failed[@]} -eq 0 ]; then
    say "PASSED: every stage; log: $log"
    exit 0
  fi
  say "FAILED: $(IFS=';'; echo "${failed[*]}"); log: $log"
  exit 1
}

main "$@"
