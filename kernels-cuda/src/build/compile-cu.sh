#!/usr/bin/env bash
# Builds the CUDA kernels the jar ships: every .cu under the kernel resource folder becomes ONE
# fatbin, <classes>/dev/imgcls/kernels/cuda/fatbin/<name>.fatbin, holding SASS for each target
# architecture the local nvcc can build plus PTX of the newest of them (the driver JIT-compiles that
# PTX for GPUs newer than every SASS). Generic code only: arch-specific sm_90a/sm_100f variants
# would run on no other GPU and the kernels use none of their features. KernelImageChoice holds the
# rules for which image a GPU runs. fatbin/index.properties records the nvcc version, the
# architectures and the files, so the run time (KernelModules) knows what it has and can say so.
# ptxas's per-architecture register/spill report goes to <report-dir>/register-report.txt.
# A compile error fails the build. Without nvcc on the PATH it logs the skip, writes an index that
# says "no fatbins: ... built without nvcc" and exits 0: the run time then compiles with NVRTC.
# Cost: about 25 s for the ten files with nvcc 13.0 on 2 cores (nvcc --threads 2), 0.1 s when up to date.
# Incremental: a fatbin newer than its .cu, the .cuh headers and this script is kept, as long as the
# nvcc version and the architectures match the previous build's index.
#   compile-cu.sh <kernel-source-dir> <classes-dir> <report-dir> [arch ...]   (default archs: 80 90 100)
set -euo pipefail
src=${1:?kernel source dir}
classes=${2:?classes dir}
reports=${3:?report dir}
shift 3
requested=("$@")
[ ${#requested[@]} -eq 0 ] && requested=(80 90 100)
out="$classes/dev/imgcls/kernels/cuda/fatbin"
index="$out/index.properties"
mkdir -p "$out" "$reports"

names=()
for cu in "$src"/*.cu; do
    names+=("$(basename "$cu" .cu)")
done

if ! command -v nvcc >/dev/null 2>&1; then
    echo "[compile-cu] nvcc not found on PATH: no kernel fatbins in this build (the run time compiles the .cu files with NVRTC)"
    rm -f "$out"/*.fatbin
    printf '%s\n' "# Written by kernels-cuda/src/build/compile-cu.sh" "nvcc=none" \
        "reason=no fatbins: this jar was built without nvcc on the PATH" > "$index"
    exit 0
fi

version=$(nvcc --version | sed -n 's/.*release \([0-9.]*\).*/\1/p')
codes=" $(nvcc --list-gpu-code 2>/dev/null | tr '\n' ' ') "
archs=()
for arch in "${requested[@]}"; do
    if [[ "$codes" == *" sm_$arch "* ]]; then
        archs+=("$arch")
    else
        # e.g. CUDA 13 dropped sm < 75, CUDA 12.0-12.7 lack sm_100; a real error is not hidden by this
        echo "[compile-cu] SKIP sm_$arch: nvcc $version cannot target it (it supports:$codes)"
    fi
done
if [ ${#archs[@]} -eq 0 ]; then
    echo "[compile-cu] FAIL: nvcc $version supports none of sm_${requested[*]}; update the CUDA toolkit or the pom's arch list"
    exit 1
fi
newest=${archs[${#archs[@]}-1]}
gencode=()
for arch in "${archs[@]}"; do
    if [ "$arch" = "$newest" ]; then
        gencode+=(-gencode "arch=compute_$arch,code=[sm_$arch,compute_$arch]")
    else
        gencode+=(-gencode "arch=compute_$arch,code=sm_$arch")
    fi
done
sass=$(IFS=,; echo "${archs[*]}")
stamp="nvcc=$version sass=$sass ptx=$newest"
previous=$(sed -n 's/^stamp=//p' "$index" 2>/dev/null || true)
[ "$previous" = "$stamp" ] || rm -f "$out"/*.fatbin "$reports"/*.ptxas.txt
# Fatbins and reports of a .cu file since removed would otherwise stay in the jar and the report.
for f in "$out"/*.fatbin "$reports"/*.ptxas.txt; do
    [ -e "$f" ] || continue
    base=$(basename "$f"); base=${base%.fatbin}; base=${base%.ptxas.txt}
    [ -f "$src/$base.cu" ] || rm -f "$f"
done

echo "[compile-cu] nvcc $version: fatbins with SASS for sm_${sass//,/ sm_} and PTX compute_$newest"
status=0
built=0
for name in "${names[@]}"; do
    cu="$src/$name.cu"
    fatbin="$out/$name.fatbin"
    report="$reports/$name.ptxas.txt"
    fresh=1
    for dep in "$cu" "$src"/*.cuh "$0"; do
        [ "$fatbin" -nt "$dep" ] || fresh=0
    done
    if [ $fresh = 1 ] && [ -f "$report" ]; then
        continue
    fi
    # --threads 2: the architectures of one file compile side by side (CI has 2 cores).
    if nvcc -fatbin -std=c++17 --threads 2 -Xptxas -v -I "$src" "${gencode[@]}" -o "$fatbin.tmp" "$cu" >"$report" 2>&1; then
        mv -f "$fatbin.tmp" "$fatbin"
        built=$((built + 1))
    else
        echo "[compile-cu] FAIL $name.cu:"
        cat "$report"
        rm -f "$fatbin.tmp" "$fatbin" "$report"
        status=1
    fi
done
[ $status = 0 ] || exit 1
echo "[compile-cu] $built of ${#names[@]} fatbins rebuilt, the others up to date, in $out"
files=$(IFS=,; echo "${names[*]}")
printf '%s\n' "# Written by kernels-cuda/src/build/compile-cu.sh: one <file>.fatbin per kernel source <file>.cu" \
    "nvcc=$version" "sass=$sass" "ptx=$newest" "files=$files" "stamp=$stamp" > "$index.tmp"
mv -f "$index.tmp" "$index"

# One summary line per kernel and architecture: file, arch, function, registers, spill stores/loads.
awk 'FNR==1 { split(FILENAME, p, "/"); f = p[length(p)]; sub(/\.ptxas\.txt$/, "", f) }
     /Compiling entry function/ { match($0, /'"'"'[^'"'"']*'"'"'/); fn = substr($0, RSTART + 1, RLENGTH - 2);
                                  match($0, /for '"'"'sm_[0-9a-z]+'"'"'/); arch = substr($0, RSTART + 5, RLENGTH - 6) }
     /bytes stack frame/ { split($0, a, ","); st = a[2]; ld = a[3]; gsub(/[^0-9]/, "", st); gsub(/[^0-9]/, "", ld) }
     /Used [0-9]+ registers/ { match($0, /Used [0-9]+ registers/); r = substr($0, RSTART + 5, RLENGTH - 15);
                              printf "%-12s %-7s %-32s regs=%-4s spill_stores=%s spill_loads=%s\n", f, arch, fn, r, st, ld }' \
    "$reports"/*.ptxas.txt > "$reports/register-report.txt" || true
echo "[compile-cu] register/spill report: $reports/register-report.txt"
