using NotaGen.Modeling.Conditioning;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Testing;
using Xunit;

namespace NotaGen.Modeling.Tests.Conditioning;

public sealed class PromptCatalogTests
{
    private static readonly PromptCatalog Catalog = new([
        (new StylePrompt("Romantic", "Schubert, Franz", "Art Song"), 84),
        (new StylePrompt("Romantic", "Schumann, Robert", "Art Song"), 60),
        (new StylePrompt("Romantic", "Schubert, Franz", "Art Song"), 1),
        (new StylePrompt("Classical", "Haydn, Joseph", "Chamber"), 20),
    ]);

    [Fact]
    public void Entries_merge_duplicates_and_sort_by_period_composer_instrumentation()
    {
        Assert.Equal(3, Catalog.Entries.Count);
        Assert.Equal(("Classical", 20), (Catalog.Entries[0].Prompt.Period, Catalog.Entries[0].Pieces));
        Assert.Equal(("Schubert, Franz", 85), (Catalog.Entries[1].Prompt.Composer, Catalog.Entries[1].Pieces));
    }

    [Fact]
    public void Resolve_ignores_case_and_surrounding_spaces()
    {
        var resolved = Catalog.Resolve(new StylePrompt(" romantic", "schubert, franz ", "ART SONG"));
        Assert.Equal(new StylePrompt("Romantic", "Schubert, Franz", "Art Song"), resolved);
    }

    [Fact]
    public void An_unknown_triple_names_the_nearest_known_ones_first()
    {
        var error = Assert.Throws<UnknownPromptException>(() => Catalog.Resolve(new StylePrompt("Romantic", "Schubert", "Keyboard")));
        Assert.Equal("Schubert, Franz", error.Nearest[0].Composer);
        Assert.Contains("--composer \"Schubert, Franz\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("notagen prompts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_and_load_round_trip_and_bad_lines_name_their_line()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, PromptCatalog.FileName);
        Catalog.Save(path);
        Assert.Equal(Catalog.Entries, PromptCatalog.Load(path).Entries);

        File.AppendAllText(path, "Baroque\tBach\n");
        var error = Assert.Throws<InvalidDataException>(() => PromptCatalog.Load(path));
        Assert.Contains($"{path}:5:1", error.Message, StringComparison.Ordinal);
    }
}
