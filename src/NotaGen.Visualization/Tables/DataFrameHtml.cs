using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace NotaGen.Visualization.Tables;

/// <summary>A DataFrame as an HTML table: its shape, the column types and the first rows.</summary>
public static class DataFrameHtml
{
    public const int DefaultRows = 20;

    public static string ToHtml(this DataFrame frame, int maxRows = DefaultRows)
    {
        var shown = (int)Math.Min(frame.Rows.Count, maxRows);
        var html = new StringBuilder("<div class=\"notagen-dataframe\">\n<table>\n<thead><tr><th></th>");
        foreach (var column in frame.Columns)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name))
                .Append("<br/><small>").Append(WebUtility.HtmlEncode(column.DataType.Name)).Append("</small></th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        for (var row = 0; row < shown; row++)
        {
            html.Append("<tr><th>").Append(row).Append("</th>");
            foreach (var column in frame.Columns)
                html.Append("<td>").Append(WebUtility.HtmlEncode(Convert.ToString(column[row], System.Globalization.CultureInfo.InvariantCulture) ?? "")).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n<p>").Append(Shape(frame));
        if (shown < frame.Rows.Count)
            html.Append($", first {shown} rows shown");
        return html.Append("</p>\n</div>").ToString();
    }

    public static string Shape(DataFrame frame) => $"{frame.Rows.Count} rows × {frame.Columns.Count} columns";
}
