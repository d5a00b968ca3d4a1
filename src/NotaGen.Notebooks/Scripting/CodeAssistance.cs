using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NotaGen.Notebooks.Scripting;

/// <summary>
/// Completion, inspection and the is-it-complete check, from the compiler's view of the cell as the session's
/// next submission (so earlier cells' variables complete too). Plain symbol lookup, not the IDE's completion engine.
/// </summary>
public sealed class CodeAssistance(ScriptSession session)
{
    public sealed record Completion(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd);

    public Completion Complete(string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_'))
            start--;
        var prefix = code[start..cursor];
        var (model, tree) = Model(code);
        IEnumerable<ISymbol> symbols;
        var afterDot = start > 0 && code[start - 1] == '.' ? tree.GetRoot().FindToken(start - 1).Parent : null;
        if (afterDot is QualifiedNameSyntax qualified)
        {
            // using System.Coll| and other qualified names: the namespaces and types inside the left part.
            symbols = model.GetSymbolInfo(qualified.Left).Symbol is INamespaceOrTypeSymbol container
                ? model.LookupNamespacesAndTypes(start, container)
                : [];
        }
        else if (afterDot is MemberAccessExpressionSyntax access)
        {
            var target = model.GetSymbolInfo(access.Expression).Symbol;
            symbols = target is INamespaceOrTypeSymbol container
                ? model.LookupStaticMembers(start, container).Concat(container is INamespaceSymbol ns ? ns.GetMembers() : [])
                : model.GetTypeInfo(access.Expression).Type is { } type
                    ? model.LookupSymbols(start, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension })
                    : [];
        }
        else
        {
            symbols = model.LookupSymbols(start);
        }
        var matches = symbols.Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => s.Name)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        return new Completion(matches, start, cursor);
    }

    /// <summary>The signature of the symbol under the cursor, or null.</summary>
    public string? Inspect(string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var (model, tree) = Model(code);
        var token = tree.GetRoot().FindToken(Math.Max(0, cursor == code.Length ? cursor - 1 : cursor));
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            var symbol = model.GetSymbolInfo(node).Symbol ?? model.GetDeclaredSymbol(node)
                ?? model.GetSymbolInfo(node).CandidateSymbols.FirstOrDefault();
            if (symbol is not null)
                return symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) + Summary(symbol);
        }
        return null;
    }

    /// <summary>The summary (and returns) of the symbol's XML documentation as plain text, after a blank line; empty when none.</summary>
    private static string Summary(ISymbol symbol)
    {
        var xml = (symbol is IMethodSymbol { ReducedFrom: { } extension } ? extension : symbol.OriginalDefinition).GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml))
            return "";
        try
        {
            var member = System.Xml.Linq.XElement.Parse(xml);
            string Text(string element) => member.Element(element) is { } e ? Normalize(e) : "";
            var summary = Text("summary");
            var returns = Text("returns");
            return summary.Length == 0 ? "" : "\n\n" + summary + (returns.Length > 0 ? "\nReturns: " + returns : "");
        }
        catch (System.Xml.XmlException)
        {
            return "";
        }
    }

    /// <summary>An element's text with cref/paramref/langword references written as their names, whitespace collapsed.</summary>
    private static string Normalize(System.Xml.Linq.XElement element)
    {
        var text = string.Concat(element.DescendantNodes().Select(n => n switch
        {
            System.Xml.Linq.XText t => t.Value,
            System.Xml.Linq.XElement { Name.LocalName: "see" or "seealso" or "paramref" or "typeparamref" } e =>
                ((string?)e.Attribute("cref") is { } cref ? cref[(cref.IndexOf(':') + 1)..] : null) ?? (string?)e.Attribute("langword") ?? (string?)e.Attribute("name") ?? "",
            _ => "",
        }));
        return System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ").Trim();
    }

    public static bool IsComplete(string code) =>
        SyntaxFactory.IsCompleteSubmission(CSharpSyntaxTree.ParseText(CellSource.Parse(code).Code, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script)));

    private (SemanticModel Model, SyntaxTree Tree) Model(string code)
    {
        var compilation = session.Continue(CellSource.Parse(code).Code).GetCompilation();
        var tree = compilation.SyntaxTrees.Single();
        return (compilation.GetSemanticModel(tree), tree);
    }
}
