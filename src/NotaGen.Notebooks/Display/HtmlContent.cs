namespace NotaGen.Notebooks.Display;

/// <summary>Markup shown as HTML, as a cell's <c>HTML("&lt;b&gt;bold&lt;/b&gt;")</c> makes it (text/html, and the markup as text/plain).</summary>
public sealed record HtmlContent(string Html)
{
    public override string ToString() => Html;
}
