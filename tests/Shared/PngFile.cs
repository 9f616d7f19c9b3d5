using System.Text;

namespace Publisher.Tests.Pictures;

/// <summary>A PNG file written byte by byte, so that a test can make one that declares any size (a « pixel bomb »).</summary>
internal static class PngFile
{
    /// <summary>An 8-bit RGB PNG of <paramref name="width"/> × <paramref name="height"/> with these compressed rows, and a comment if given.</summary>
    public static byte[] Assemble(int width, int height, byte[] compressedRows, string? comment = null)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        return
        [
            .. signature,
            .. Chunk("IHDR", [.. BigEndian((uint)width), .. BigEndian((uint)height), 8, 2, 0, 0, 0]),
            .. comment is null ? [] : Chunk("tEXt", Encoding.ASCII.GetBytes($"Comment\0{comment}")),
            .. Chunk("IDAT", compressedRows),
            .. Chunk("IEND", []),
        ];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var crc = 0xFFFFFFFFu;
        foreach (var b in typed)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return [.. BigEndian((uint)data.Length), .. typed, .. BigEndian(~crc)];
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
