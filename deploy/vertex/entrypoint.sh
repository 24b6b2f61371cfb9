#!/usr/bin/env bash
# Entry point of every replica of a Vertex AI custom job (deploy/vertex/custom-job.yaml): the trainer's
# ranks meet only through Open MPI, so the primary replica (workerpool0) runs mpirun over all the training
# replicas that Vertex names in CLUSTER_SPEC, one rank per replica, and every replica runs an sshd for
# mpirun to start its rank through. Arguments: the imgcls command line, e.g. train --job-dir=gs://... (the
# primary's; the other replicas ignore theirs).
#
#   workerpool0       sshd in the background, waits for the workers' sshd, then
#                     mpirun -np <replicas> --host <workerpool0 and workerpool1 hosts> /opt/imgcls/bin/imgcls "$@"
#   workerpool1       sshd in the foreground (its rank is started by the primary's mpirun)
#   workerpool2, 3    nothing: parameter servers and evaluators have no part in all-reduce training
#
# Each replica's sshd listens on the port CLUSTER_SPEC gives its task (Vertex lists host:port for it).
# The replicas log in to each other with the key pair built into the image (deploy/Dockerfile).
# IMGCLS_DRY_RUN=1 prints the commands, one argument a line, instead of running them (to check a CLUSTER_SPEC).
# IMGCLS_MPIRUN_ARGS adds mpirun options, e.g. "--mca btl_tcp_if_include eth0".
set -euo pipefail

die() { echo "vertex entrypoint: $*" >&2; exit 2; }
[ -n "${CLUSTER_SPEC:-}" ] || die "CLUSTER_SPEC is not set; this entry point is for Vertex AI custom jobs (run bin/imgcls train elsewhere)"

# CLUSTER_SPEC is one JSON object (https://cloud.google.com/vertex-ai/docs/training/distributed-training):
# {"cluster":{"workerpool0":["host:port"],"workerpool1":[...],...},"task":{"type":"workerpool1","index":0,...},...}.
# The image has no JSON tool, so read its few fields with sed after dropping the whitespace.
spec=$(printf '%s' "$CLUSTER_SPEC" | tr -d ' \t\r\n')
task_type=$(printf '%s' "$spec" | sed -n 's/.*"task":{[^}]*"type":"\([^"]*\)".*/\1/p')
task_index=$(printf '%s' "$spec" | sed -n 's/.*"task":{[^}]*"index":\([0-9]*\).*/\1/p')
[ -n "$task_type" ] || die "CLUSTER_SPEC has no task.type: $CLUSTER_SPEC"
pool() { printf '%s' "$spec" | sed -n "s/.*\"cluster\":{.*\"$1\":\[\([^]]*\)\].*/\1/p" | tr ',' '\n' | tr -d '"' | awk NF; }
own_address=$(pool "$task_type" | sed -n "$(( ${task_index:-0} + 1 ))p")
[ -n "$own_address" ] || die "CLUSTER_SPEC lists no address for task $task_type[${task_index:-0}]: $CLUSTER_SPEC"

dry_run() { [ "${IMGCLS_DRY_RUN:-0}" = 1 ]; }
show() { echo 'would run:'; printf '    %s\n' "$@"; }
# Runs a command (prints it in a dry run); launch replaces this shell with it, so that the signals
# Vertex sends (SIGTERM before a preemption) reach sshd or mpirun, which passes them to the ranks.
run() { if dry_run; then show "$@"; else "$@"; fi; }
launch() { if dry_run; then show "$@"; exit 0; else exec "$@"; fi; }
sshd_command=(/usr/sbin/sshd -e -p "${own_address##*:}")

case "$task_type" in
  workerpool2|workerpool3)
    echo "vertex entrypoint: $task_type[${task_index:-0}] has nothing to do (synchronous all-reduce training uses only workerpool0 and workerpool1)"
    exit 0 ;;
  workerpool1)
    launch "${sshd_command[@]}" -D ;;
  workerpool0) ;;
  *) die "unknown task type $task_type in CLUSTER_SPEC" ;;
esac

# The primary: rank 0 here, rank i on workerpool1[i-1]. An ssh configuration names every replica's port.
mapfile -t addresses < <(pool workerpool0; pool workerpool1)
ssh_config="${TMPDIR:-/tmp}/imgcls-vertex-ssh_config"
{
  for a in "${addresses[@]}"; do printf 'Host %s\n    Port %s\n' "${a%:*}" "${a##*:}"; done
  printf 'Host *\n    StrictHostKeyChecking no\n    UserKnownHostsFile /dev/null\n    ConnectTimeout 10\n    LogLevel ERROR\n'
} > "$ssh_config"
hosts=$(for a in "${addresses[@]}"; do printf '%s:1,' "${a%:*}"; done)
hosts=${hosts%,}

run "${sshd_command[@]}"   # in the background: mpirun reaches this replica through ssh too if it does not take its name for local
if ! dry_run; then
  # Vertex starts each replica as soon as its machine is ready, so the workers' sshd may come later.
  deadline=$(( SECONDS + ${IMGCLS_WAIT_FOR_WORKERS_S:-900} ))
  for a in "${addresses[@]:1}"; do
    until ssh -F "$ssh_config" -o BatchMode=yes "${a%:*}" true 2>/dev/null; do
      [ "$SECONDS" -lt "$deadline" ] || die "worker ${a%:*} did not accept ssh on port ${a##*:} within ${IMGCLS_WAIT_FOR_WORKERS_S:-900} s"
      sleep 5
    done
  done
fi

# Variables the ranks need that ssh does not carry: the tuning service's metric file and trial, imgcls's own settings.
forward=()
for v in CLOUD_ML_HP_METRIC_FILE CLOUD_ML_TRIAL_ID IMGCLS_JAVA_OPTS IMGCLS_VERBOSE IMGCLS_DEBUG; do
  if [ -n "${!v:-}" ]; then forward+=(-x "$v"); fi
done
# No tree spawn: the ssh configuration exists on this replica only, so this replica starts every rank.
# shellcheck disable=SC2086
launch mpirun --allow-run-as-root -np "${#addresses[@]}" --host "$hosts" --bind-to none \
  --mca plm_rsh_args "-F $ssh_config" --mca plm_rsh_no_tree_spawn 1 --mca btl self,tcp ${IMGCLS_MPIRUN_ARGS:-} "${forward[@]}" \
  /opt/imgcls/bin/imgcls "$@"
