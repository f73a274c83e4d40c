using System.Text.Json.Nodes;

namespace Cerby.Emulators.TikTok;

/// <summary>The JSON shapes of the emulator's lists (reference section 3).</summary>
internal static class TikTokJson
{
    /// <summary><c>{list, page_info:{page, page_size, total_number, total_page}}</c>.</summary>
    public static JsonObject Page<T>(TikTokPage<T> page, Func<T, JsonObject> render) => new()
    {
        ["list"] = new JsonArray([.. page.Items.Select(i => (JsonNode)render(i))]),
        ["page_info"] = new JsonObject { ["page"] = page.Page, ["page_size"] = page.PageSize, ["total_number"] = page.Total, ["total_page"] = page.TotalPages },
    };

    /// <summary>A <c>/bc/member/get/</c> entry; a pending invitee has no <c>user_id</c>.</summary>
    public static JsonObject Member(EmulatedBcMember m)
    {
        var json = new JsonObject();
        if (m.UserId is not null)
        {
            json["user_id"] = m.UserId;
        }

        json["user_name"] = m.UserName;
        json["user_email"] = m.Email;
        json["user_role"] = m.UserRole;
        json["ext_user_role"] = m.FinanceRole is null ? new JsonObject() : new JsonObject { ["finance_role"] = m.FinanceRole };
        json["relation_status"] = m.Status;
        return json;
    }

    /// <summary>A <c>/bc/asset/member/get/</c> entry: the member shape plus the asset role (unverified shape).</summary>
    public static JsonObject AssetMember(EmulatedBcMember m, string roleField, string role)
    {
        var json = Member(m);
        json[roleField] = role;
        return json;
    }
}
