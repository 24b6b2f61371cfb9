package dev.imgcls.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reverse-mode automatic differentiation over eagerly executed ops.
 *
 * <p>Recording: when gradient mode is on (the default) and an op has a backward rule and any input
 * requires a gradient, the op's outputs get a {@link Node} linking them to the inputs. Inside
 * {@link #noGrad()} nothing is recorded (evaluation, optimizer updates).
 *
 * <p>Accumulation: {@code loss.backward()} <em>adds</em> into {@link Tensor#grad()} of every leaf
 * that requires a gradient, so gradients of several backward calls accumulate until
 * {@link Tensor#zeroGrad()}. Gradients of intermediate tensors are not kept. The graph is freed by
 * backward; calling backward twice through the same graph is an error.
 */
public final class Autograd {
    private static final ThreadLocal<int[]> NO_GRAD_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Autograd() {
    }

    public static boolean isRecording() {
        return NO_GRAD_DEPTH.get()[0] == 0;
    }

    /** A scope in which no op is recorded: {@code try (var ng = Autograd.noGrad()) { ... }}. */
    public static Scope noGrad() {
        int[] depth = NO_GRAD_DEPTH.get();
        depth[0]++;
        return () -> depth[0]--;
    }

    /** A try-with-resources scope that throws nothing on close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Input gradients of a {@link #function}: one per input, null where none; {@code gradOutputs[i]}
     * is null when no gradient reaches output i.
     */
    @FunctionalInterface
    public interface FunctionBackward {
        Tensor[] grads(Tensor[] gradOutputs);
    }

    /**
     * A differentiable step that is not a kernel op, such as a sum over the processes of a
     * data-parallel job: {@code forward} computes the outputs (never recorded itself), and when any
     * input needs a gradient the outputs are linked to the inputs through {@code backward}. The
     * outputs must be new tensors, not the inputs.
     * <pre>{@code Tensor[] y = Autograd.function("double", new Tensor[] {x}, in -> new Tensor[] {in[0].mul(2.0)},
     *         g -> new Tensor[] {g[0] == null ? null : g[0].mul(2.0)});}</pre>
     */
    public static Tensor[] function(String name, Tensor[] inputs, UnaryOperator<Tensor[]> forward,
            FunctionBackward backward) {
        Tensor[] outputs;
        try (Scope ignored = noGrad()) {
            outputs = forward.apply(inputs.clone());
        }
        for (Tensor out : outputs) {
            for (Tensor in : inputs) {
                if (out == in) {
                    throw new IllegalArgumentException(name + ": forward returned an input as an output; return a new tensor");
                }
            }
        }
        if (isRecording()) {
            OpDef<Object> op = OpDef.of(name, inputs.length, (a, in) -> {
                throw new UnsupportedOperationException(name + " is not a kernel op");
            }, (a, in, out, g, needsGrad) -> backward.grads(g));
            record(op, null, inputs, outputs);
        }
        return outputs;
    }

    /** A recorded op application: the edge from outputs back to inputs. */
    static final class Node {
        final OpDef<Object> op;
        final Object attrs;
        Tensor[] inputs;
        Tensor[] outputs;

        @SuppressWarnings("unchecked")
        Node(OpDef<?> op, Object attrs, Tensor[] inputs, Tensor[] outputs) {
            this.op = (OpDef<Object>) op;
            this.attrs = attrs;
            this.inputs = inputs;
            this.outputs = outputs;
        }

        boolean freed() {
            return inputs == null;
        }
    }

    static void record(OpDef<?> op, Object attrs, Tensor[] inputs, Tensor[] outputs) {
        boolean any = false;
        for (Tensor t : inputs) {
            any |= t.requiresGrad();
        }
        if (!any) {
            return;
        }
        Node node = new Node(op, attrs, inputs.clone(), outputs.clone());
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i].dtype().isFloating()) {
                outputs[i].setGradFn(node, i);
            }
        }
    }

    static void backward(Tensor root, Tensor seed, boolean releaseGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward() on a tensor that does not require a gradient"
                    + " (no input of its graph has requiresGrad, or it was computed under noGrad)");
        }
        if (seed == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException("backward() without a seed needs a scalar, got shape " + root.shape());
            }
            seed = Tensor.scalarLike(root, 1.0).reshape(root.shape().dims()); // on the root's device
        } else if (!seed.shape().equals(root.shape())) {
            throw new IllegalArgumentException("seed shape " + seed.shape() + " differs from tensor shape " + root.shape());
        }
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, seed);
        if (root.gradFn() == null) {
            accumulateLeaf(root, seed);
            return;
        }
        List<Node> order = topologicalOrder(root.gradFn());
        try (Scope ignored = noGrad()) {
            for (Node node : order) {
                if (node.freed()) {
                    throw new IllegalStateException("backward through a graph that was already freed by an earlier backward() (op " + node.op.name() + ")");
                }
                Tensor[] gradOutputs = new Tensor[node.outputs.length];
                boolean any = false;
                for (int i = 0; i < gradOutputs.length; i++) {
                    gradOutputs[i] = grads.remove(node.outputs[i]);
                    any |= gradOutputs[i] != null;
                }
                if (any) {
                    Tensor[] gradInputs = node.op.backwardRule().grads(node.attrs, node.inputs, node.outputs, gradOutputs,
                            needingGrad(node.inputs));
                    List<Tensor> replaced = propagate(node, gradInputs, grads);
                    releaseConsumedGradients(node, seed, gradOutputs, gradInputs, replaced, grads);
                }
                if (releaseGraph) {
                    releaseForwardOutputs(node, root);
                }
                node.inputs = null;
                node.outputs = null;
            }
            // What is left are the leaves' totals for this pass (every non-leaf was consumed by its node).
            for (Map.Entry<Tensor, Tensor> e : grads.entrySet()) {
                accumulateLeaf(e.getKey(), e.getValue());
            }
            // A total that was added to an earlier gradient (rather than becoming the gradient,
            // which detaches it) is a temporary now.
            for (Tensor total : grads.values()) {
                if (total != seed && total.owner() != null && !total.isReleased()) {
                    MemoryScope.detach(total);
                    total.release();
                }
            }
        }
    }

    private static boolean[] needingGrad(Tensor[] inputs) {
        boolean[] needs = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            needs[i] = inputs[i].requiresGrad();
        }
        return needs;
    }

    /**
     * Releases the gradient temporaries no later node can need, so their memory is reused by the
     * rest of the backward pass instead of living until the step's scope closes: the node's output
     * gradients, input gradients nobody takes, and partial sums replaced by their total. Only
     * tensors owned by a memory scope are released (leaf gradients are detached, the caller's
     * seed and the graph's forward tensors are never touched), and only when no pending entry
     * still refers to them (a rule may hand the same tensor to several inputs).
     */
    private static void releaseConsumedGradients(Node node, Tensor seed, Tensor[] gradOutputs, Tensor[] gradInputs,
            List<Tensor> replaced, Map<Tensor, Tensor> grads) {
        List<Tensor> candidates = new ArrayList<>(gradOutputs.length + gradInputs.length + replaced.size());
        Collections.addAll(candidates, gradOutputs);
        Collections.addAll(candidates, gradInputs);
        candidates.addAll(replaced);
        for (int i = 0; i < candidates.size(); i++) {
            Tensor c = candidates.get(i);
            if (c == null || c == seed || c.owner() == null || c.gradFn() != null || c.isReleased()
                    || isForwardTensor(node, c) || grads.containsValue(c)) {
                continue;
            }
            MemoryScope.detach(c);
            c.release();
        }
    }

    /**
     * Every consumer of a node's outputs comes before it in the backward order, so once the node
     * is done nothing in the graph reads its outputs again.
     */
    private static void releaseForwardOutputs(Node node, Tensor root) {
        for (Tensor out : node.outputs) {
            if (out != root && out.owner() != null && !out.isReleased()) {
                MemoryScope.detach(out);
                out.release();
            }
        }
    }

    private static boolean isForwardTensor(Node node, Tensor t) {
        for (Tensor x : node.inputs) {
            if (x == t) {
                return true;
            }
        }
        for (Tensor x : node.outputs) {
            if (x == t) {
                return true;
            }
        }
        return false;
    }

    /** Propagates input gradients; returns the partial sums that were replaced by a new total. */
    private static List<Tensor> propagate(Node node, Tensor[] gradInputs, Map<Tensor, Tensor> grads) {
        if (gradInputs.length != node.inputs.length) {
            throw new IllegalStateException("backward rule of " + node.op.name() + " returned " + gradInputs.length
                    + " gradients for " + node.inputs.length + " inputs");
        }
        List<Tensor> replaced = new ArrayList<>(0);
        for (int i = 0; i < gradInputs.length; i++) {
            Tensor input = node.inputs[i];
            Tensor g = gradInputs[i];
            if (g == null || !input.requiresGrad()) {
                continue;
            }
            if (!g.shape().equals(input.shape())) {
                throw new IllegalStateException("backward rule of " + node.op.name() + " gave gradient of shape " + g.shape()
                        + " for input " + i + " of shape " + input.shape());
            }
            // Leaves too: a leaf's contributions (a decayed weight gets one from the network and one
            // from the L2 term) are summed here and added to its gradient once, after the pass, so
            // the partial sums are temporaries that can be released like any other.
            Tensor previous = grads.get(input);
            if (previous == null) {
                grads.put(input, g);
            } else {
                grads.put(input, previous.add(g));
                replaced.add(previous);
                replaced.add(g);
            }
        }
        return replaced;
    }

    private static void accumulateLeaf(Tensor leaf, Tensor g) {
        Tensor sum = leaf.grad() == null ? g : leaf.grad().add(g);
        MemoryScope.detach(sum);
        leaf.setGrad(sum);
    }

    /** Nodes ordered so that every node comes before the nodes producing its inputs. */
    private static List<Node> topologicalOrder(Node root) {
        List<Node> postOrder = new ArrayList<>();
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Node node = (Node) frame[0];
            int next = (Integer) frame[1];
            if (node.inputs != null && next < node.inputs.length) {
                frame[1] = next + 1;
                Node child = node.inputs[next].gradFn();
                if (child != null && visited.add(child)) {
                    stack.push(new Object[] {child, 0});
                }
            } else {
                stack.pop();
                postOrder.add(node);
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }
}
