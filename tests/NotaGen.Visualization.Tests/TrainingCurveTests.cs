using NotaGen.Testing;
using NotaGen.Visualization.Charts;
using NotaGen.Visualization.Curves;
using Plotly.NET;
using Xunit;

namespace NotaGen.Visualization.Tests;

public sealed class TrainingCurveTests : IDisposable
{
    private readonly TempDirectory dir = new("notagen-curves");

    public void Dispose() => dir.Dispose();

    private const string Log =
        "{\"kind\":\"train\",\"step\":1,\"total_steps\":3,\"loss\":4.5,\"learning_rate\":0.001,\"tokens_per_second\":900}\n" +
        "{\"kind\":\"train\",\"step\":2,\"total_steps\":3,\"loss\":4.0,\"learning_rate\":0.002,\"tokens_per_second\":950}\n" +
        "{\"kind\":\"eval\",\"step\":2,\"evaluation_loss\":4.2}\n" +
        "{\"kind\":\"checkpoint\",\"step\":2,\"path\":\"last.ckpt\"}\n" +
        // A resumed run logs step 2 again: the later line wins.
        "{\"kind\":\"train\",\"step\":2,\"total_steps\":3,\"loss\":3.9,\"learning_rate\":0.002,\"tokens_per_second\":990}\n" +
        "{\"kind\":\"train\",\"step\":3,\"total_st";

    [Fact]
    public void The_log_gives_one_point_per_step_keeping_the_later_line_and_skipping_a_half_written_last_line()
    {
        File.WriteAllText(dir.File("log.jsonl"), Log);
        var data = TrainingCurveData.From(TrainingLogReader.Read(dir.File("log.jsonl")));
        Assert.Equal([1, 2], data.Steps);
        Assert.Equal([4.5, 3.9], data.Loss);
        Assert.Equal([0.001, 0.002], data.LearningRate);
        Assert.Equal([900.0, 990.0], data.TokensPerSecond);
        Assert.Equal([2], data.EvaluationSteps);
        Assert.Equal([4.2], data.EvaluationLoss);
    }

    [Fact]
    public void A_bad_line_before_the_end_names_file_and_line()
    {
        File.WriteAllText(dir.File("log.jsonl"), "{\"kind\":\"train\",\"step\":1,\"loss\":1}\nnot json\n{\"kind\":\"eval\",\"step\":1,\"evaluation_loss\":2}\n");
        var error = Assert.Throws<InvalidDataException>(() => TrainingLogReader.Read(dir.File("log.jsonl")));
        Assert.Contains("log.jsonl:2:", error.Message);
    }

    [Fact]
    public void The_chart_carries_the_three_panels_and_both_losses()
    {
        File.WriteAllText(dir.File("log.jsonl"), Log);
        var html = GenericChart.toChartHTML(TrainingCurves.FromLog(dir.File("log.jsonl"), "run"));
        foreach (var name in new[] { "training loss", "validation loss", "learning rate", "tokens/s" })
            Assert.Contains(name, html);
    }

    [Fact]
    public void Live_curves_redraw_every_n_steps_and_at_each_validation()
    {
        var shown = new List<GenericChart>();
        var live = new LiveTrainingCurves(shown.Add, everySteps: 5);
        for (var step = 1; step <= 12; step++)
            live.Add(new TrainingLogPoint("train", step, Loss: 5.0 / step));
        live.Add(new TrainingLogPoint("eval", 12, EvaluationLoss: 0.5));
        Assert.Equal(3, shown.Count);   // steps 5 and 10, then the validation pass
        Assert.Equal(3, live.Redraws);
        Assert.Equal(13, live.Points.Count);
    }
}
