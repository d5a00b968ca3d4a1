using NotaGen.Music;
using NotaGen.Testing;
using NotaGen.Training.Data;
using Xunit;

namespace NotaGen.Modeling.Tests.Training;

public sealed class TrainingPieceReaderTests
{
    [Fact]
    public void Written_pieces_read_back_equal_and_filter_by_split()
    {
        using var directory = new TempDirectory();
        var path = TrainingFixtures.WriteCorpus(directory.Path, train: 3, validation: 2);

        var all = TrainingPieceReader.Read(path);
        Assert.Equal(5, all.Count);
        Assert.Equal(TrainingFixtures.Piece(1), all[1]);
        Assert.Equal(3, TrainingPieceReader.Read(path, Splits.Train).Count);
        Assert.All(TrainingPieceReader.Read(path, Splits.Validation), p => Assert.Equal(Splits.Validation, p.Split));
    }

    [Fact]
    public void Malformed_line_names_file_and_line()
    {
        using var directory = new TempDirectory();
        var path = directory.File("bad.jsonl");
        File.WriteAllLines(path, [
            """{"id": "a", "abc": "K:C\n[V:1]C|\n", "split": "train"}""",
            "",
            """{"id": "b", "abc": "K:C\n", "split": "dev"}""",
        ]);

        var error = Assert.Throws<MusicFormatException>(() => TrainingPieceReader.Read(path));
        Assert.Contains("bad.jsonl:3:", error.Message);
        Assert.Contains("'dev'", error.Message);
    }

    [Fact]
    public void Labels_may_be_null()
    {
        var piece = TrainingPieceReader.Parse("""{"id": "x", "source": "folk", "labels": null, "abc": "K:C\n[V:1]C|\n", "licence": "CC0", "split": "test"}""");
        Assert.Null(piece.Labels);
        Assert.Equal(Splits.Test, piece.Split);
    }
}
