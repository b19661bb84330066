using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mahse.Forms.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Mahse.Forms.Entries;

/// <summary>
/// The reCAPTCHA fields' server check, as Umbraco Forms does it: the client sends the token as the non-field value
/// <c>g-recaptcha-response</c>; it is verified at <c>Umbraco:Forms:FieldTypes:Recaptcha2/3:VerificationUrl</c> with
/// the private key; v3 also needs the field's <c>ScoreThreshold</c> (0.5 by default). A missing token, a refusal or
/// an unreachable verifier is an error on the field, never an exception. Without a configured private key the site
/// has not set reCAPTCHA up, and the field is not checked (a warning is logged).
/// </summary>
public sealed class RecaptchaVerifier(IHttpClientFactory clients, IConfiguration configuration, ILogger<RecaptchaVerifier> logger)
{
    public const string ResponseKey = "g-recaptcha-response";
    public const string HttpClientName = "mahse-forms-recaptcha";

    public async Task<IReadOnlyDictionary<string, string>> VerifyAsync(FormDefinition form, PostedEntry entry, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in form.AllFields.Where(f => f.FieldTypeId == FormFieldTypes.Recaptcha2.Id || f.FieldTypeId == FormFieldTypes.Recaptcha3.Id))
        {
            var v3 = field.FieldTypeId == FormFieldTypes.Recaptcha3.Id;
            var section = configuration.GetSection($"Umbraco:Forms:FieldTypes:{(v3 ? "Recaptcha3" : "Recaptcha2")}");
            if (string.IsNullOrEmpty(section["PrivateKey"]))
            {
                logger.LogWarning("Form {Form} has a reCAPTCHA field but no private key is configured; it is not checked", form.Id);
                continue;
            }

            var message = field.Setting("ErrorMessage") ?? "Please confirm that you are not a robot.";
            var token = entry.Values.TryGetValue(ResponseKey, out var given) ? given.FirstOrDefault() : null;
            if (string.IsNullOrEmpty(token))
            {
                errors[field.Alias] = message;
                continue;
            }

            try
            {
                var url = section["VerificationUrl"] is { Length: > 0 } configured ? configured : "https://www.google.com/recaptcha/api/siteverify";
                using var response = await clients.CreateClient(HttpClientName).PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["secret"] = section["PrivateKey"]!,
                    ["response"] = token,
                }), ct);
                var result = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                var success = result.TryGetProperty("success", out var s) && s.ValueKind == JsonValueKind.True;
                var threshold = double.TryParse(field.Setting("ScoreThreshold"), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : 0.5;
                var score = result.TryGetProperty("score", out var sc) && sc.ValueKind == JsonValueKind.Number ? sc.GetDouble() : 1.0;
                if (!success || v3 && score < threshold)
                {
                    errors[field.Alias] = message;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
            {
                logger.LogWarning(ex, "The reCAPTCHA verifier could not be reached for form {Form}", form.Id);
                errors[field.Alias] = message;
            }
        }

        return errors;
    }
}
