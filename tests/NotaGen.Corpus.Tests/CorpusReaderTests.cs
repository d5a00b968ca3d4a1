using NotaGen.Corpus.Output;
using NotaGen.Music;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Corpus.Tests;

public sealed class CorpusReaderTests
{
    private static CorpusPiece Piece(int index, string split) => new()
    {
        Id = $"piece-{index}",
        Source = "fixture",
        Labels = new StylePrompt("Romantic", "Schubert, Franz", index % 2 == 0 ? "Art Song" : null),
        Abc = $"%%score 1\nL:1/8\nM:4/4\nK:G\nV:1 treble\n[V:1]G2 AB c2 d{index}|\n",
        Licence = "CC0",
        Split = split,
    };

    [Fact]
    public void Written_pieces_read_back_equal_and_filter_by_split()
    {
        using var directory = new TempDirectory();
        var path = directory.File("corpus.jsonl");
        var pieces = Enumerable.Range(0, 3).Select(i => Piece(i, CorpusSplits.Train))
            .Concat(Enumerable.Range(3, 2).Select(i => Piece(i, CorpusSplits.Validation))).ToList();
        CorpusReader.Write(path, pieces);

        var all = CorpusReader.Read(path);
        Assert.Equal(5, all.Count);
        Assert.Equal(pieces[1], all[1]);
        Assert.Equal(3, CorpusReader.Read(path, CorpusSplits.Train).Count);
        Assert.All(CorpusReader.Read(path, CorpusSplits.Validation), p => Assert.Equal(CorpusSplits.Validation, p.Split));
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

        var error = Assert.Throws<MusicFormatException>(() => CorpusReader.Read(path));
        Assert.Contains("bad.jsonl:3:", error.Message);
        Assert.Contains("'dev'", error.Message);
    }

    [Fact]
    public void Labels_may_be_null()
    {
        var piece = CorpusReader.Parse("""{"id": "x", "source": "folk", "labels": null, "abc": "K:C\n[V:1]C|\n", "licence": "CC0", "split": "test"}""");
        Assert.Null(piece.Labels);
        Assert.Equal(CorpusSplits.Test, piece.Split);
    }

    [Fact]
    public void A_line_with_only_id_and_abc_is_a_training_piece_and_a_folder_reads_in_name_order()
    {
        var piece = CorpusReader.Parse("""{"id": "x", "abc": "K:C\n[V:1]C|\n"}""");
        Assert.Equal(CorpusSplits.Train, piece.Split);
        Assert.Null(piece.Source);

        using var directory = new TempDirectory();
        CorpusReader.Write(directory.File("b.jsonl"), [Piece(1, CorpusSplits.Test)]);
        CorpusReader.Write(directory.File("a.jsonl"), [Piece(0, CorpusSplits.Train)]);
        Assert.Equal(["piece-0", "piece-1"], CorpusReader.ReadAll(directory.Path).Select(p => p.Id));
        Assert.Single(CorpusReader.ReadAll(directory.File("b.jsonl")));
        Assert.Throws<FileNotFoundException>(() => CorpusReader.ReadAll(directory.File("missing.jsonl")));
    }
}
