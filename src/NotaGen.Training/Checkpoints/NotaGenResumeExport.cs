using NotaGen.Modeling;
using NotaGen.Modeling.Weights.Pth;
using NotaGen.Training.Configuration;
using static TorchSharp.torch;

namespace NotaGen.Training.Checkpoints;

/// <summary>
/// One of our training checkpoints as the checkpoint NotaGen's training scripts save and resume from
/// (<c>LOAD_FROM_CHECKPOINT</c>): <c>{'model', 'optimizer', 'lr_sched', 'epoch', 'best_epoch', 'min_eval_loss'}</c>.
/// <c>optimizer</c> is laid out as torch 1.13's <c>AdamW.state_dict()</c>: per parameter index (NotaGen's
/// <c>model.parameters()</c> order, the tied <c>lm_head</c> counted once) the step and both moments (no entry for a
/// parameter no gradient reached, as torch), and one param
/// group with every key torch 1.13 writes. <c>lr_sched</c> is what NotaGen's scheduler
/// (<c>get_constant_schedule_with_warmup(optimizer, 1000)</c>, a LambdaLR, stepped once per update) holds after as many
/// updates.
/// </summary>
/// <remarks>
/// NotaGen's scripts build that scheduler on an optimizer they then replace, so it never sets the rate: after a resume
/// the rate is the param group's <c>lr</c>, constant. The group therefore carries the run's peak learning rate
/// (<c>learning_rate</c>), as NotaGen's own checkpoints carry their constant <c>LEARNING_RATE</c>. <c>epoch</c> is the
/// number of whole epochs our run completed (NotaGen resumes at the next one); NotaGen writes a checkpoint only when
/// the evaluation loss improves, so its <c>best_epoch</c> always equals <c>epoch</c>, and so does ours.
/// </remarks>
public static class NotaGenResumeExport
{
    /// <summary>NotaGen's <c>get_constant_schedule_with_warmup(optimizer=optimizer, num_warmup_steps=1000)</c>.</summary>
    public const int NotaGenWarmupSteps = 1000;

    public static void Write(TrainingCheckpoint checkpoint, string source, string path)
    {
        if (checkpoint.Optimizer.Count == 0)
            throw new InvalidOperationException(
                $"{source}: no optimizer state (a weights-only checkpoint): NotaGen's LOAD_FROM_CHECKPOINT needs AdamW's moments. " +
                "Export the run's last.ckpt or best.ckpt written by `notagen train`, or export without --with-optimizer.");
        var config = checkpoint.ModelConfig;
        try
        {
            NotaGenPthExport.RefuseStyle(config);
        }
        catch (InvalidOperationException error)
        {
            throw new InvalidOperationException($"{source}: {error.Message}", error);
        }
        var training = TrainingConfig.FromJson(checkpoint.TrainingConfigJson, $"{source}: training_config");

        // The parameter order of NotaGen's model.parameters() is our named_parameters() order; a model on the meta
        // device gives the names without allocating weights.
        using var layout = NotaGenModel.Create(config, META);
        var names = layout.named_parameters().Select(p => p.name).ToList();
        using var scope = NewDisposeScope();
        var parameters = names.Select(name => (name, checkpoint.Model.TryGetValue(name, out var t) ? t
            : throw new InvalidOperationException($"{source}: the model has no tensor '{name}'"))).ToList();

        var steps = checkpoint.OptimizerSteps;
        var state = new PickleDict();
        for (var index = 0; index < names.Count; index++)
        {
            var name = names[index];
            if (!checkpoint.Optimizer.TryGetValue("m/" + name, out var first) || !checkpoint.Optimizer.TryGetValue("v/" + name, out var second))
                throw new InvalidOperationException($"{source}: the optimizer state has no moments for parameter '{name}' (adapter-only training?)");
            // torch keeps no state for a parameter no gradient ever reached (the patch level's unused 1×H wte): all-zero
            // moments mean the same here, and torch's layout leaves the index out.
            if (IsZero(first) && IsZero(second)) continue;
            var moments = new PickleDict();
            moments.Set("step", tensor((float)steps));                         // torch ≥ 1.12: a float32 scalar tensor
            moments.Set("exp_avg", first);
            moments.Set("exp_avg_sq", second);
            state.Set((long)index, moments);
        }
        var adamw = training.Adamw;
        var group = new PickleDict();
        group.Set("lr", training.LearningRate);
        group.Set("betas", new PickleTuple([adamw.Beta1, adamw.Beta2]));
        group.Set("eps", adamw.Epsilon);
        group.Set("weight_decay", adamw.WeightDecay);
        group.Set("amsgrad", false);
        group.Set("foreach", null);
        group.Set("maximize", false);
        group.Set("capturable", false);
        group.Set("params", Enumerable.Range(0, names.Count).Select(i => (object?)(long)i).ToList());
        var optimizer = new PickleDict();
        optimizer.Set("state", state);
        optimizer.Set("param_groups", new List<object?> { group });

        var epoch = (long)checkpoint.State.Position.Epoch;
        var root = new PickleDict();
        root.Set("model", NotaGenPthExport.StateDictOf(parameters));
        root.Set("optimizer", optimizer);
        root.Set("lr_sched", SchedulerState(training.LearningRate, steps));
        root.Set("epoch", epoch);
        root.Set("best_epoch", epoch);
        root.Set("min_eval_loss", checkpoint.State.BestEvaluationLoss);
        PthWriter.Write(path, root);
    }

    private static bool IsZero(Tensor tensor) => tensor.count_nonzero().item<long>() == 0;

    /// <summary>
    /// torch 1.13's <c>LambdaLR.state_dict()</c> after <paramref name="steps"/> calls of <c>step()</c> (plus the one its
    /// constructor makes); <c>lr_lambdas</c> holds the <c>__dict__</c> of transformers' <c>functools.partial</c> lambda: empty.
    /// </summary>
    public static PickleDict SchedulerState(double baseRate, long steps)
    {
        var factor = steps < NotaGenWarmupSteps ? (double)steps / NotaGenWarmupSteps : 1.0;
        var scheduler = new PickleDict();
        scheduler.Set("base_lrs", new List<object?> { baseRate });
        scheduler.Set("last_epoch", steps);
        scheduler.Set("verbose", false);
        scheduler.Set("_step_count", steps + 1);
        scheduler.Set("_get_lr_called_within_step", false);
        scheduler.Set("_last_lr", new List<object?> { baseRate * factor });
        scheduler.Set("lr_lambdas", new List<object?> { new PickleDict() });
        return scheduler;
    }
}
