#!/usr/bin/env bash
# Build check for the CUDA kernels: compiles every .cu under the kernel resource folder with nvcc
# for each target architecture, keeping ptxas's register/spill report. A compile error fails the
# build. Without nvcc on the PATH it prints why it skipped and exits 0 (the kernels are compiled
# again at run time by NVRTC, so a machine without the toolkit can still build the project).
#   compile-cu.sh <kernel-source-dir> <output-dir> [arch ...]   (default archs: 70 80 90)
set -euo pipefail
src=${1:?kernel source dir}
out=${2:?output dir}
shift 2
archs=("$@")
[ ${#archs[@]} -eq 0 ] && archs=(70 80 90)

if ! command -v nvcc >/dev/null 2>&1; then
    echo "[compile-cu] nvcc not found on PATH: skipping the CUDA kernel compile check"
    exit 0
fi
mkdir -p "$out"
# Outputs of a .cu file since removed would otherwise stay in the register report.
rm -f "$out"/*.ptxas.txt "$out"/*.cubin
supported=$(nvcc --list-gpu-arch 2>/dev/null | tr '\n' ' ')
version=$(nvcc --version | sed -n 's/.*release \([0-9.]*\).*/\1/p')
echo "[compile-cu] nvcc $version, targets: ${archs[*]} (nvcc supports: $supported)"
status=0
for arch in "${archs[@]}"; do
    if [ -n "$supported" ] && ! grep -qw "compute_$arch" <<<"$supported"; then
        # e.g. CUDA 13 dropped offline compilation for sm < 75; a real error is not hidden by this
        echo "[compile-cu] SKIP sm_$arch: nvcc $version cannot target it"
        continue
    fi
    for cu in "$src"/*.cu; do
        name=$(basename "$cu" .cu)
        report="$out/$name-sm_$arch.ptxas.txt"
        if nvcc -cubin -arch="sm_$arch" -std=c++17 -Xptxas -v -I "$src" -o "$out/$name-sm_$arch.cubin" "$cu" >"$report" 2>&1; then
            echo "[compile-cu] ok   $name sm_$arch"
        else
            echo "[compile-cu] FAIL $name sm_$arch:"
            cat "$report"
            status=1
        fi
    done
done
# One summary line per kernel: arch, function, registers, spill stores/loads.
awk 'FNR==1 { split(FILENAME, p, "/"); f = p[length(p)]; sub(/\.ptxas\.txt$/, "", f) }
     /Compiling entry function/ { match($0, /'"'"'[^'"'"']*'"'"'/); fn = substr($0, RSTART + 1, RLENGTH - 2) }
     /bytes stack frame/ { split($0, a, ","); st = a[2]; ld = a[3]; gsub(/[^0-9]/, "", st); gsub(/[^0-9]/, "", ld) }
     /Used [0-9]+ registers/ { match($0, /Used [0-9]+ registers/); r = substr($0, RSTART + 5, RLENGTH - 15);
                              printf "%-22s %-32s regs=%-4s spill_stores=%s spill_loads=%s\n", f, fn, r, st, ld }' \
    "$out"/*.ptxas.txt > "$out/register-report.txt" || true
echo "[compile-cu] register/spill report: $out/register-report.txt"
exit $status
