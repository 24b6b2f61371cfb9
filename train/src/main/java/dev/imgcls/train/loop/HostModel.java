package dev.imgcls.train.loop;

import dev.imgcls.nn.Model;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Device;

import java.util.List;

/**
 * A model as the SavedModel exporter needs it, with its variables on the CPU (it reads the
 * weights from host memory while it traces the network). A model trained on a GPU is copied into
 * a new model of the same type and classes, so the live training model is never touched by an
 * export; a CPU model is used as it is.
 */
final class HostModel {
    private HostModel() {
    }

    static Model of(Model model) {
        if (model.device().kind() == Device.Kind.CPU) {
            return model;
        }
        Model copy = ModelFactory.create(model.modelType(), model.numClasses(), 0); // initial weights are all overwritten
        List<Variable> from = model.variables();
        List<Variable> to = copy.variables();
        if (from.size() != to.size()) {
            throw new IllegalStateException(model.modelType() + " built again has " + to.size() + " variables, the trained one " + from.size());
        }
        for (int i = 0; i < from.size(); i++) {
            Variable source = from.get(i);
            Variable target = to.get(i);
            if (!source.name().equals(target.name())) {
                throw new IllegalStateException(model.modelType() + " built again names variable " + i + " " + target.name()
                        + ", the trained one " + source.name());
            }
            target.assign(source.value().toDevice(Device.CPU));
        }
        return copy;
    }
}
