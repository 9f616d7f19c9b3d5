using System.Text;
using System.Xml;

namespace Publisher.Web.Syndication;

/// <summary>XML documents as responses, written with XmlWriter so that every value is escaped.</summary>
public static class XmlResponse
{
    /// <summary>An XML document as a response, written with XmlWriter so that every value is escaped.</summary>
    public static IResult Write(Action<XmlWriter> write, string contentType = "application/xml; charset=utf-8")
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }
        return Results.Bytes(buffer.ToArray(), contentType);
    }
}
