namespace NotaGen.Tokenization.Tests;

/// <summary>The hand-written training document of reference a.3, before the encoder adds its <c>[r:]</c> counters.</summary>
internal static class ReferenceExample
{
    public const string Document =
        "%Romantic\n" +
        "%Schubert, Franz\n" +
        "%Art Song\n" +
        "%%score 1 { 2 | 3 }\n" +
        "L:1/8\n" +
        "Q:1/4=120\n" +
        "M:3/4\n" +
        "K:G\n" +
        "V:1 treble nm=\"Voice\"\n" +
        "V:2 treble nm=\"Piano\"\n" +
        "V:3 bass\n" +
        "[V:1]\"^Allegro\" d2 B G A2|[V:2][GB]2 d4|[V:3]G,,6|\n" +
        "[V:2]c6|[V:3]F,6|\n" +
        "[V:1]G6|][V:2]B6|][V:3]G,,6|]\n";

    /// <summary>The listing file shipped with the reference (exact expected patches).</summary>
    public static string ListingPath => NotaGen.Testing.SharedData.Require("reference/tokenizer-example.txt");
}
