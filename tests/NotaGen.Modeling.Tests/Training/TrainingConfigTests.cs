using NotaGen.Music.IO;
using NotaGen.Testing;
using NotaGen.Training.Checkpoints;
using NotaGen.Training.Configuration;
using Xunit;

namespace NotaGen.Modeling.Tests.Training;

public sealed class TrainingConfigTests
{
    [Fact]
    public void Config_file_round_trips_and_rejects_unknown_keys()
    {
        var config = TrainingFixtures.Config("corpus.jsonl", "run") with { Stage = TrainingStages.Finetune, AdaptersOnly = true, Style = new() { Adapters = true } };
        Assert.Equal(config.ToJson(), TrainingConfig.FromJson(config.ToJson()).ToJson());

        var error = Assert.Throws<ArgumentException>(() => TrainingConfig.FromJson("""{"data": "x", "learning_rat": 1}""", "typo.json"));
        Assert.Contains("typo.json", error.Message);
        Assert.Contains("learning_rat", error.Message);
    }

    [Fact]
    public void Invalid_settings_name_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => (TrainingFixtures.Config("c", "o") with { Stage = "pretrian" }).Validate());
        Assert.Contains("pretrian", error.Message);
        Assert.Throws<ArgumentException>(() => (TrainingFixtures.Config("c", "o") with { AdaptersOnly = true }).Validate());
    }

    [Fact]
    public void Fine_tuning_collects_the_style_vocabulary_from_the_labels()
    {
        var pieces = Enumerable.Range(0, 5).Select(i => TrainingFixtures.Piece(i)).ToList();
        var config = TrainingFixtures.Config("c", "o") with { Style = new() { Embeddings = true } };
        var model = NotaGen.Training.TrainingSession.ModelConfigFor(config, pieces);
        Assert.Equal(["other", "Baroque", "Classical", "Romantic"], model.Styles.Periods);
        Assert.Equal(4, model.Styles.Composers.Count);
    }

    [Fact]
    public void Run_directory_gets_its_configuration_atomically()
    {
        using var directory = new TempDirectory();
        AtomicFile.WriteAllText(directory.File("config.json"), "{}");
        Assert.Equal("{}", File.ReadAllText(directory.File("config.json")));
        Assert.Single(Directory.GetFiles(directory.Path));
    }
}
