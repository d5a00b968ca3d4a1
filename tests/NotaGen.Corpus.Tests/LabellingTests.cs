using NotaGen.Corpus.Labels;
using NotaGen.Corpus.Sources;
using NotaGen.Music.NotaGenFormat;
using Xunit;

namespace NotaGen.Corpus.Tests;

public class LabellingTests
{
    private static IReadOnlyList<PartLayout> Parts(params string[] names) => names.Select(n => new PartLayout(n, n.Contains("Piano") ? 2 : 1)).ToList();

    [Theory]
    [InlineData("Keyboard", "Piano")]
    [InlineData("Keyboard", "Harpsichord")]
    [InlineData("Art Song", "Voice", "Piano")]
    [InlineData("Art Song", "Singstimme", "Klavier")]
    [InlineData("Choral", "Soprano", "Alto", "Tenor", "Bass")]
    [InlineData("Chamber", "Violin I", "Violin II", "Viola", "Violoncello")]
    [InlineData("Chamber", "Flute", "Piano")]
    [InlineData("Orchestral", "Flute", "Oboe", "Clarinet", "Bassoon", "Horn", "Trumpet", "Timpani", "Violin I", "Violin II", "Viola", "Violoncello", "Contrabass")]
    [InlineData("Vocal-Orchestral", "Soprano", "Alto", "Tenor", "Bass", "Oboe", "Violin I", "Violin II", "Viola", "Continuo")]
    public void Classifier_reads_part_names(string expected, params string[] names) =>
        Assert.Equal(expected, InstrumentationClassifier.Classify(Parts(names)));

    [Fact]
    public void Classifier_does_not_guess_without_names_except_a_grand_staff()
    {
        Assert.Equal("Keyboard", InstrumentationClassifier.Classify([new PartLayout("", 2)]));
        Assert.Null(InstrumentationClassifier.Classify([new PartLayout("", 1)]));
        Assert.Null(InstrumentationClassifier.Classify([]));
    }

    [Fact]
    public void Contrabass_and_viola_are_not_voices()
    {
        Assert.Equal("Chamber", InstrumentationClassifier.Classify(Parts("Viola", "Contrabass")));
        Assert.Equal("Chamber", InstrumentationClassifier.Classify(Parts("Violin", "Double Bass")));
    }

    [Theory]
    [InlineData("Schubert, Franz", "Schubert, Franz", "Romantic")]
    [InlineData("Franz Schubert", "Schubert, Franz", "Romantic")]
    [InlineData("Antonín Dvořák", "Dvorak, Antonin", "Romantic")]
    [InlineData("Johann Sebastian Bach", "Bach, Johann Sebastian", "Baroque")]
    public void Composer_names_map_to_the_table(string written, string name, string period)
    {
        var found = ComposerPeriods.Bundled.Find(written);
        Assert.NotNull(found);
        Assert.Equal(name, found.Value.Name);
        Assert.Equal(period, found.Value.Period);
    }

    [Fact]
    public void Unknown_composer_is_not_matched() => Assert.Null(ComposerPeriods.Bundled.Find("Nobody Atall Invented"));

    [Fact]
    public void Table_row_wins_over_the_score_and_its_composer_is_folded()
    {
        var labeler = new PieceLabeler(ComposerPeriods.Bundled);
        var row = new LabelRow("x.mxl", "Dvořák, Antonín", "Romantic", "Chamber", "CC0", false, null);
        var piece = new RawPiece(0, "", "Johann Sebastian Bach", Parts("Piano"));
        Assert.Equal(new StylePrompt("Romantic", "Dvorak, Antonin", "Chamber"), labeler.Label(row, piece));
    }

    [Fact]
    public void Exercise_rows_get_no_labels()
    {
        var labeler = new PieceLabeler(ComposerPeriods.Bundled);
        var row = new LabelRow("x.mxl", "Kostka, Stefan", "Romantic", "Choral", null, true, null);
        Assert.Null(labeler.Label(row, new RawPiece(0, "", "Stefan Kostka", Parts("Soprano", "Alto"))));
    }

    [Fact]
    public void Without_a_row_the_score_composer_and_parts_label_the_piece()
    {
        var labeler = new PieceLabeler(ComposerPeriods.Bundled);
        var labels = labeler.Label(null, new RawPiece(0, "", "Franz Schubert", Parts("Voice", "Piano")));
        Assert.Equal(new StylePrompt("Romantic", "Schubert, Franz", "Art Song"), labels);
        Assert.True(labels!.CanPrompt);
    }

    [Fact]
    public void Labels_table_parses_python_csv_quoting()
    {
        var table = LabelTable.Parse("path\tcomposer\tlicence\tis_exercise\tdup_group\na.abc\t\t\"terms (\"\"quoted\"\")\"\ttrue\tdup0001\n");
        var row = table.Find("a.abc");
        Assert.NotNull(row);
        Assert.Null(row.Composer);
        Assert.Equal("terms (\"quoted\")", row.Licence);
        Assert.True(row.IsExercise);
        Assert.Equal("dup0001", row.DupGroup);
    }
}
