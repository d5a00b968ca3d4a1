using NotaGen.Music.Abc.Syntax;

namespace NotaGen.Music.Abc.Parsing;

/// <summary>Collects the problems of one parse, in the order found. Capped so that garbage input cannot exhaust memory.</summary>
internal sealed class DiagnosticBag(string fileName)
{
    private const int Limit = 10_000;
    private readonly List<AbcDiagnostic> items = [];

    public string FileName { get; } = fileName;

    public IReadOnlyList<AbcDiagnostic> Items => items;

    public void Error(AbcPosition position, string message) => Add(new AbcDiagnostic(FileName, position, message));

    public void Warning(AbcPosition position, string message) =>
        Add(new AbcDiagnostic(FileName, position, message, AbcSeverity.Warning));

    private void Add(AbcDiagnostic diagnostic)
    {
        if (items.Count < Limit)
            items.Add(diagnostic);
    }
}
