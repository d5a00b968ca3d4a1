using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace NotaGen.Notebooks.Kernel;

/// <summary>The names by which Jupyter clients, VS Code and legacy Polyglot Notebooks know this kernel's language.</summary>
public static class KernelLanguage
{
    public const string KernelName = "notagen-csharp";
    public const string DisplayName = "C# (NotaGen)";
    public const string Language = "C#";

    public static string CSharpVersion { get; } = LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString();

    public static JsonObject LanguageInfo() => new()
    {
        ["name"] = Language,
        ["version"] = CSharpVersion,
        ["mimetype"] = "text/x-csharp",
        ["file_extension"] = ".cs",
        ["pygments_lexer"] = "csharp",
        ["codemirror_mode"] = "text/x-csharp",
    };

    public static JsonObject KernelSpec() => new()
    {
        ["display_name"] = DisplayName,
        ["language"] = Language,
        ["name"] = KernelName,
    };

    /// <summary>What legacy Polyglot Notebooks reads to open a notebook's cells as C# (notebooks.md §4.1).</summary>
    public static JsonObject PolyglotNotebookMetadata() => new()
    {
        ["kernelInfo"] = new JsonObject
        {
            ["defaultKernelName"] = "csharp",
            ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
        },
    };

    public static JsonObject CodeCellMetadata() => new()
    {
        ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
        ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
    };
}
