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
        if (start > 0 && code[start - 1] == '.' && tree.GetRoot().FindToken(start - 1).Parent is MemberAccessExpressionSyntax access)
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
                return symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        }
        return null;
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
