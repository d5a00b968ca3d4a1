using NotaGen.Corpus.Output;
using NotaGen.Modeling.Configuration;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Training.Configuration;

namespace NotaGen.Modeling.Tests.Training;

/// <summary>
/// Small hand-made pieces in NotaGen's training format (prompt lines, header, interleaved two-voice body without bar
/// counters) and a tiny training configuration for them.
/// </summary>
internal static class TrainingFixtures
{
    private static readonly string[] Melodies = ["G2 AB c2 d2", "e2 d2 B4", "c2 B2 A2 G2", "A2 Bc d2 e2", "d4 B2 G2", "F2 GA B2 c2"];
    private static readonly string[] Basses = ["G,4 D,4", "C,4 G,4", "D,4 D,,4", "E,4 C,4"];
    private static readonly (string Period, string Composer, string Instrumentation)[] Styles =
    [
        ("Romantic", "Schubert, Franz", "Art Song"),
        ("Baroque", "Bach, Johann Sebastian", "Keyboard"),
        ("Classical", "Mozart, Wolfgang Amadeus", "Chamber"),
    ];

    /// <summary>Piece <paramref name="index"/>: a few bars, deterministic, different for every index.</summary>
    public static CorpusPiece Piece(int index, string split = CorpusSplits.Train, int bars = 4)
    {
        var style = Styles[index % Styles.Length];
        var lines = new List<string>
        {
            $"%{style.Period}", $"%{style.Composer}", $"%{style.Instrumentation}",
            "%%score { 1 | 2 }", "L:1/8", "Q:1/4=96", "M:4/4", index % 2 == 0 ? "K:G" : "K:D",
            "V:1 treble nm=\"Voice\"", "V:2 bass nm=\"Piano\"",
        };
        for (var bar = 0; bar < bars; bar++)
        {
            var melody = Melodies[(index + bar * (index % 3 + 1)) % Melodies.Length];
            var bass = Basses[(index * 2 + bar) % Basses.Length];
            var barline = bar == bars - 1 ? "|]" : "|";
            lines.Add($"[V:1]{melody}{barline}[V:2]{bass}{barline}");
        }
        return new CorpusPiece
        {
            Id = $"fixture-{index}",
            Source = "fixture",
            Labels = new StylePrompt(style.Period, style.Composer, style.Instrumentation),
            Abc = string.Join('\n', lines) + "\n",
            Licence = "CC0",
            Split = split,
        };
    }

    /// <summary>Writes <paramref name="train"/> training pieces and <paramref name="validation"/> validation pieces.</summary>
    public static string WriteCorpus(string directory, int train, int validation, int bars = 4)
    {
        var path = Path.Combine(directory, "corpus.jsonl");
        var pieces = Enumerable.Range(0, train).Select(i => Piece(i, CorpusSplits.Train, bars))
            .Concat(Enumerable.Range(train, validation).Select(i => Piece(i, CorpusSplits.Validation, bars)));
        CorpusReader.Write(path, pieces);
        return path;
    }

    /// <summary>A small model (2 + 1 layers, H = 64) on the CPU with one pinned thread.</summary>
    public static TrainingConfig Config(string corpus, string output) => new()
    {
        Stage = TrainingStages.Pretrain,
        Model = new NotaGenConfig { Preset = "test", HiddenSize = 64, Heads = 2, PatchLayers = 2, CharLayers = 1, PatchLength = 64, Dropout = 0.1 },
        Data = corpus,
        Output = output,
        Seed = 7,
        Steps = 10,
        LearningRate = 3e-3,
        WarmupSteps = 2,
        BatchPatches = 64,
        SortWindow = 4,
        EvaluateEvery = 5,
        CheckpointEvery = 0,
        Threads = 1,
    };
}
