using System.Diagnostics;
using NotaGen.Modeling;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Data;
using NotaGen.Training.Logging;
using NotaGen.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace NotaGen.Training.Loop;

/// <summary>
/// The loop every stage shares: for each update, set the scheduled learning rate on the optimizer, accumulate
/// gradients over micro-batches, clip, step; evaluate on the validation batches, keep the best checkpoint, write the
/// latest one every N updates. Tensors live in a dispose scope per micro-batch, so memory stays flat over long runs.
/// </summary>
public sealed class Trainer<TBatch>(
    TrainerSettings settings,
    NotaGenModel model,
    AdamW optimizer,
    ITrainingObjective<TBatch> objective,
    IBatchSource<TBatch> source,
    Func<IEnumerable<TBatch>>? validation,
    CheckpointStore? store,
    ITrainingObserver? observer = null)
    where TBatch : IDisposable
{
    public TrainingState State { get; private set; } = new();

    /// <summary>Continues from <paramref name="checkpoint"/>: weights, optimizer, counters, data position, random state.</summary>
    public void Restore(TrainingCheckpoint checkpoint)
    {
        ModelWeights.Load(model, checkpoint.Model, strict: true);
        optimizer.LoadState(checkpoint.Optimizer, checkpoint.OptimizerSteps);
        if (checkpoint.TorchRandomState is not null) torch.random.set_rng_state(checkpoint.TorchRandomState);
        State = checkpoint.State;
        source.Position = State.Position;
    }

    /// <summary>Trains until <paramref name="untilStep"/> updates are done (or cancellation), then writes the last checkpoint.</summary>
    public TrainingState Run(int untilStep, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var startElapsed = State.ElapsedSeconds;
        double Elapsed() => startElapsed + clock.Elapsed.TotalSeconds;
        model.train();
        optimizer.ZeroGrad();
        while (State.Step < untilStep && !cancellation.IsCancellationRequested)
        {
            var stepClock = Stopwatch.StartNew();
            var rate = settings.Schedule.RateAt(State.Step);
            optimizer.LearningRate = rate;
            var (loss, tokens) = AccumulateGradients();
            var norm = optimizer.ClipGradients(settings.GradientClip);
            optimizer.Step();
            optimizer.ZeroGrad();

            State = State with { Step = State.Step + 1, Position = source.Position, Tokens = State.Tokens + tokens, ElapsedSeconds = Elapsed() };
            observer?.Report(new TrainingLogEntry
            {
                Kind = "train",
                Step = State.Step,
                TotalSteps = untilStep,
                Epoch = State.Position.Epoch,
                Loss = loss,
                LearningRate = rate,
                GradientNorm = norm,
                Tokens = State.Tokens,
                TokensPerSecond = tokens / Math.Max(1e-9, stepClock.Elapsed.TotalSeconds),
                ElapsedSeconds = State.ElapsedSeconds,
            });

            if (settings.EvaluateEvery > 0 && State.Step % settings.EvaluateEvery == 0)
                EvaluateAndKeepBest();
            if (settings.CheckpointEvery > 0 && State.Step % settings.CheckpointEvery == 0 && State.Step < untilStep)
                SaveLast();
        }
        State = State with { ElapsedSeconds = Elapsed() };
        SaveLast();
        return State;
    }

    /// <summary>Mean loss over the validation batches, weighted by each batch's predicted characters (null: no validation set).</summary>
    public double? Evaluate()
    {
        if (validation is null) return null;
        var wasTraining = model.training;
        model.eval();
        try
        {
            double sum = 0, weight = 0;
            using var noGrad = no_grad();
            foreach (var batch in validation())
            {
                using var scope = NewDisposeScope();
                using var owned = batch;
                var result = objective.Compute(batch);
                sum += result.Loss.item<float>() * result.Weight;
                weight += result.Weight;
            }
            return weight > 0 ? sum / weight : null;
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    private (double Loss, long Tokens) AccumulateGradients()
    {
        double loss = 0;
        long tokens = 0;
        for (var micro = 0; micro < settings.GradientAccumulation; micro++)
        {
            using var scope = NewDisposeScope();
            using var batch = source.Next();
            var result = objective.Compute(batch);
            result.Loss.div(settings.GradientAccumulation).backward();
            loss += result.Loss.item<float>();
            tokens += result.Tokens;
        }
        return (loss / settings.GradientAccumulation, tokens);
    }

    private void EvaluateAndKeepBest()
    {
        var loss = Evaluate();
        if (loss is not { } value) return;
        observer?.Report(new TrainingLogEntry { Kind = "eval", Step = State.Step, Epoch = State.Position.Epoch, EvaluationLoss = value, Tokens = State.Tokens, ElapsedSeconds = State.ElapsedSeconds });
        if (value >= State.BestEvaluationLoss) return;
        State = State with { BestEvaluationLoss = value, BestStep = State.Step };
        if (store is null) return;
        using var checkpoint = Snapshot();
        store.SaveBest(checkpoint);
        observer?.Report(new TrainingLogEntry { Kind = "checkpoint", Step = State.Step, Path = store.BestPath, ElapsedSeconds = State.ElapsedSeconds });
    }

    private void SaveLast()
    {
        if (store is null) return;
        using var checkpoint = Snapshot();
        store.SaveLast(checkpoint);
        observer?.Report(new TrainingLogEntry { Kind = "checkpoint", Step = State.Step, Path = store.LastPath, ElapsedSeconds = State.ElapsedSeconds });
    }

    /// <summary>The run as it stands, with CPU copies of every tensor.</summary>
    public TrainingCheckpoint Snapshot() => new()
    {
        State = State,
        ModelConfig = settings.ModelConfig,
        TrainingConfigJson = settings.TrainingConfigJson,
        Model = ModelWeights.Copy(model),
        Optimizer = optimizer.StateTensors(),
        OptimizerSteps = optimizer.StepCount,
        TorchRandomState = torch.random.get_rng_state().DetachFromDisposeScope(),
    };
}
