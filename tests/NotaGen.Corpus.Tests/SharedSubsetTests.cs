using NotaGen.Corpus.Building;
using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Output;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Corpus.Tests;

/// <summary>A build over a small real subset of the shared corpus (20 OpenScore Lieder + one Nottingham tunebook), labelled by the shared index.</summary>
public class SharedSubsetTests
{
    [SkippableFact]
    public void Lieder_subset_and_a_folk_tunebook_build_with_index_labels()
    {
        var corpus = SharedData.Require("corpus");
        var index = Path.Combine(corpus, "index.tsv");
        var table = LabelTable.Load(index);
        var lieder = Directory.GetFiles(Path.Combine(corpus, "musicxml", "OpenScore__Lieder"), "*.mxl", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(corpus, p).Replace('\\', '/')).Order(StringComparer.Ordinal).Take(20).ToList();
        var folk = Directory.GetFiles(Path.Combine(corpus, "abc", "jukedeck__nottingham-dataset"), "*.abc", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(corpus, p).Replace('\\', '/')).Order(StringComparer.Ordinal).First();

        using var temp = new TempDirectory();
        var input = Path.Combine(temp.Path, "in");
        foreach (var rel in lieder.Append(folk))
        {
            var target = Path.Combine(input, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(corpus, rel), target);
        }
        var output = Path.Combine(temp.Path, "out");
        var manifest = new CorpusBuilder(new CorpusBuildOptions { Inputs = [input], Output = output, LabelsPath = index, Jobs = 2 },
            ComposerPeriods.Bundled).Build();
        var pieces = CorpusReader.ReadShards(output).ToList();
        var rejects = File.ReadAllLines(Path.Combine(output, "rejects.tsv")).Skip(1).Select(l => l.Split('\t')[0]).ToList();

        // Every Lieder file is either a piece or a reject, and the kept ones carry the index's labels and licence.
        var keptLieder = pieces.Where(p => p.Source == "OpenScore__Lieder").ToList();
        // (A file with several movements gives pieces and rejects named path#N.)
        var accounted = keptLieder.Select(p => p.SourcePath!)
            .Concat(rejects.Where(r => r.StartsWith("musicxml/", StringComparison.Ordinal)).Select(r => r.Split('#')[0])).ToHashSet();
        Assert.Equal(lieder.ToHashSet(), accounted);
        Assert.True(keptLieder.Select(p => p.SourcePath).Distinct().Count() >= 15, $"only {keptLieder.Count} of 20 Lieder kept");
        foreach (var piece in keptLieder)
        {
            var row = table.Find(piece.SourcePath!)!;
            Assert.Equal(row.Period, piece.Labels!.Period);
            Assert.Equal(row.Instrumentation, piece.Labels.Instrumentation);
            Assert.StartsWith("CC0", piece.Licence);
            if (piece.Labels.CanPrompt)
                Assert.StartsWith($"%{row.Period}\n%", piece.Abc);
            Assert.True(piece.Bars >= 8);
        }

        // The tunebook gives one piece per X: tune (some fall to the filters), unlabelled, for pre-training.
        var tunes = File.ReadLines(Path.Combine(corpus, folk)).Count(l => l.StartsWith("X:", StringComparison.Ordinal));
        var folkPieces = pieces.Where(p => p.SourcePath == folk).ToList();
        Assert.Equal(tunes, folkPieces.Count + rejects.Count(r => r.StartsWith(folk + "#", StringComparison.Ordinal)));
        Assert.True(folkPieces.Count > tunes / 2, $"only {folkPieces.Count} of {tunes} tunes kept");
        Assert.All(folkPieces, p => Assert.Null(p.Labels));
        Assert.Equal(21, manifest.Files.Count);
    }
}
