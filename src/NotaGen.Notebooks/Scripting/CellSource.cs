using System.Text.RegularExpressions;

namespace NotaGen.Notebooks.Scripting;

/// <summary>A package a cell asks for with <c>#r "nuget: Name, Version"</c> (no version: the latest stable).</summary>
public sealed record PackageRequest(string Name, string? Version);

/// <summary>
/// A cell's text with the Polyglot-style directives taken out: <c>#r "nuget: ..."</c> and <c>#i "nuget: ..."</c>
/// become package requests and sources, <c>#!csharp</c> is dropped, any other <c>#!</c> magic is an error. Removed
/// lines are left blank so compiler and run-time line numbers still match the cell as written.
/// </summary>
public sealed partial record CellSource(string Code, IReadOnlyList<PackageRequest> Packages, IReadOnlyList<string> PackageSources, string? Problem)
{
    private static readonly HashSet<string> CSharpAliases = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "cs" };

    public static CellSource Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var packages = new List<PackageRequest>();
        var sources = new List<string>();
        string? problem = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = line[2..].Split(' ', 2)[0];
                if (!CSharpAliases.Contains(magic))
                    problem ??= $"line {i + 1}: the magic command '#!{magic}' is not supported by the NotaGen C# kernel "
                        + "(cells are C#; '#!csharp' is accepted and ignored, packages load with #r \"nuget: Name, Version\").";
                lines[i] = "";
            }
            else if (NuGetReference().Match(line) is { Success: true } reference)
            {
                var version = reference.Groups["version"].Value.Trim();
                packages.Add(new PackageRequest(reference.Groups["name"].Value.Trim(), version.Length == 0 ? null : version));
                lines[i] = "";
            }
            else if (NuGetSource().Match(line) is { Success: true } source)
            {
                sources.Add(source.Groups["source"].Value.Trim());
                lines[i] = "";
            }
        }
        return new CellSource(string.Join('\n', lines), packages, sources, problem);
    }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[^,"]+)(,(?<version>[^"]*))?"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^#i\s+"nuget:\s*(?<source>[^"]+)"\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetSource();
}
