package dev.imgcls.data.image.jpeg;

import dev.imgcls.data.image.CropWindow;

/** A JPEG frame: image size, components with their block geometry, and the window to produce. */
final class Frame {
    final int width;
    final int height;
    final boolean progressive;
    final Component[] components;
    final CropWindow window;
    final int maxH;
    final int maxV;
    final int mcusX;
    final int mcusY;
    final Upsampler[] upsamplers;

    Frame(int width, int height, boolean progressive, Component[] components, CropWindow window) {
        this.width = width;
        this.height = height;
        this.progressive = progressive;
        this.components = components;
        this.window = window;
        int mh = 1;
        int mv = 1;
        for (Component c : components) {
            mh = Math.max(mh, c.h);
            mv = Math.max(mv, c.v);
        }
        maxH = mh;
        maxV = mv;
        mcusX = ceilDiv(width, 8 * maxH);
        mcusY = ceilDiv(height, 8 * maxV);
        upsamplers = new Upsampler[components.length];
        for (int i = 0; i < components.length; i++) {
            Component c = components[i];
            c.width = ceilDiv(width * c.h, maxH);
            c.height = ceilDiv(height * c.v, maxV);
            c.blocksWide = ceilDiv(c.width, 8);
            c.blocksHigh = ceilDiv(c.height, 8);
            c.blocksPerLine = mcusX * c.h;
            c.blockRows = mcusY * c.v;
            c.coefficients = new short[c.blocksPerLine * c.blockRows * 64];
            upsamplers[i] = new Upsampler(c, maxH, maxV);
        }
    }

    Component component(int id) {
        for (Component c : components) {
            if (c.id == id) {
                return c;
            }
        }
        return null;
    }

    boolean allComponentsSeen() {
        for (Component c : components) {
            if (!c.seen) {
                return false;
            }
        }
        return true;
    }

    /** The component's last sample row that the window needs (including upsampling context). */
    int lastRowNeeded(int componentIndex) {
        return upsamplers[componentIndex].lastRowNeeded(window.bottom() - 1);
    }

    /**
     * How far a sequential scan over {@code scanComps} must go: block rows for a single-component
     * scan, MCU rows for an interleaved one.
     */
    int rowLimit(Component[] scanComps) {
        int limit = 0;
        for (Component sc : scanComps) {
            int i = indexOf(sc);
            int blockRows = lastRowNeeded(i) / 8 + 1;
            limit = Math.max(limit, scanComps.length == 1 ? blockRows : ceilDiv(blockRows, sc.v));
        }
        return limit;
    }

    int indexOf(Component c) {
        for (int i = 0; i < components.length; i++) {
            if (components[i] == c) {
                return i;
            }
        }
        throw new IllegalStateException("component not in frame");
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
