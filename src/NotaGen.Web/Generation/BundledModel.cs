namespace NotaGen.Web.Generation;

/// <summary>The bundled model, copied beside the program at build time (<c>models/default</c>).</summary>
internal static class BundledModel
{
    public static string Directory()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "models", "default");
        return File.Exists(Path.Combine(beside, "config.json"))
            ? beside
            : throw new ArgumentException($"no bundled model beside the program ({beside}); give one with --model DIR.");
    }
}
