/**
 * Types of the Seology API, generated from apps/api/openapi.json by apps/web/scripts/generate-client.mjs.
 * Do not edit by hand: run the generator after the API changes (a test fails when this file drifts).
 */

export interface paths {
    "/api/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Health_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Health_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Jobs_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Jobs_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Jobs_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AdminJobs_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AdminJobs_retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["AdminJobs_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Usage_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Audit_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-logs/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Audit_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-logs.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AuditExport_exportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Notifications_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Notifications_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Notifications_markAllRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Notifications_markRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_signUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/revoke-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_revokeAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Auth_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["Auth_updateProfile"];
        trace?: never;
    };
    "/api/auth/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me/onboarding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["Auth_saveOnboarding"];
        trace?: never;
    };
    "/api/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ApiKeys_list"];
        put?: never;
        post: operations["ApiKeys_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["ApiKeys_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Webhooks_list"];
        put?: never;
        post: operations["Webhooks_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Webhooks_get"];
        put?: never;
        post?: never;
        delete: operations["Webhooks_remove"];
        options?: never;
        head?: never;
        patch: operations["Webhooks_update"];
        trace?: never;
    };
    "/api/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Webhooks_ping"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Webhooks_rotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Webhooks_redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Webhooks_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Connections_list"];
        put?: never;
        post: operations["Connections_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/health-trends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Connections_healthTrends"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Connections_get"];
        put?: never;
        post?: never;
        delete: operations["Connections_remove"];
        options?: never;
        head?: never;
        patch: operations["Connections_update"];
        trace?: never;
    };
    "/api/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Teams_list"];
        put?: never;
        post: operations["Teams_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Teams_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Teams_listInvitations"];
        put?: never;
        post: operations["Teams_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}/invitations/{invitationId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Teams_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}/invitations/{invitationId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Teams_resend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["Teams_removeMember"];
        options?: never;
        head?: never;
        patch: operations["Teams_changeRole"];
        trace?: never;
    };
    "/api/teams/{teamId}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Teams_leave"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Teams_transfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Invitations_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Invitations_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Invitations_decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{connectionId}/crawls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Crawls_list"];
        put?: never;
        post: operations["Crawls_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crawls/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Crawls_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crawls/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Crawls_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crawls/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Crawls_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crawls/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Crawls_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}/search-console": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SearchConsole_status"];
        put?: never;
        post?: never;
        delete: operations["SearchConsole_disconnect"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}/search-console/impact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SearchConsole_impact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}/search-console/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["SearchConsole_authorize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}/search-console/properties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SearchConsole_properties"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}/search-console/property": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put: operations["SearchConsole_chooseProperty"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search-console/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SearchConsoleCallback_callback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fixes/generator-status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Fixes_generatorStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{connectionId}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Fixes_checkConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{connectionId}/fixes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Fixes_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fixes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Fixes_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fixes/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Fixes_approveMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fixes/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Fixes_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fixes/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Fixes_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fixes/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Fixes_rollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{connectionId}/issues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Issues_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{connectionId}/issue-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Issues_groups"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{connectionId}/issues.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Issues_exportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/issues/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Issues_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/issues/{id}/ignore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Issues_ignore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/issues/{id}/unignore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Issues_unignore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Issues_checks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{connectionId}/pages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Pages_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{connectionId}/page": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Pages_getByUrl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{connectionId}/pages/{pageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Pages_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Billing_overview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Billing_checkout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Billing_portal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Billing_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["AdminPlans_setPlan"];
        trace?: never;
    };
    "/api/connections/{connectionId}/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Plans_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Plans_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Plans_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plans/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Plans_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/snippet/{snippetKey}.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Snippet_script"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/integrations/wordpress/plugin.zip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Integrations_wordpressPluginZip"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/assistant/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AiChat_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{connectionId}/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AiChat_list"];
        put?: never;
        post: operations["AiChat_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["AiChat_get"];
        put?: never;
        post?: never;
        delete: operations["AiChat_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask the assistant; the answer streams back as Server-Sent Events
         * @description Events: `start` { conversationId, userMessageId }, then `delta` { text } per chunk, then either `done` { messageId, model, stopReason, usage } or `error` { message, failure, messageId } (the partial answer is stored). Refusals before the stream opens are ordinary JSON errors: 404, 400, 402 (AI token quota), 503 (no Anthropic API key).
         */
        post: operations["AiChat_sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Reports_list"];
        put?: never;
        post: operations["Reports_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connections/{id}/reports/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Reports_schedule"];
        put: operations["Reports_updateSchedule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/branding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Reports_branding"];
        put: operations["Reports_updateBranding"];
        post?: never;
        delete: operations["Reports_removeBranding"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Reports_download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        LivenessDto: {
            /** @enum {string} */
            status: "ok";
        };
        DependencyHealthDto: {
            /** @enum {string} */
            status: "up" | "down";
            latencyMs: number;
            error?: string;
        };
        HealthChecksDto: {
            postgres: components["schemas"]["DependencyHealthDto"];
            redis: components["schemas"]["DependencyHealthDto"];
        };
        HealthDto: {
            /** @enum {string} */
            status: "ok" | "degraded";
            checks: components["schemas"]["HealthChecksDto"];
            uptimeSeconds: number;
        };
        JobDto: {
            id: string;
            /** @enum {string} */
            type: "CRAWL_SITE" | "ANALYZE_SITE" | "APPLY_FIX" | "APPLY_PLAN" | "ROLLBACK_FIX" | "CLEANUP_ROLLBACKS" | "RESET_USAGE" | "SYNC_METRICS" | "GENERATE_REPORT" | "DELIVER_WEBHOOK" | "SEND_EMAIL" | "SEND_SCHEDULED_REPORTS" | "PURGE_COMPLETED_JOBS" | "PURGE_OLD_METRICS" | "PURGE_EXPIRED_REPORTS";
            /** @enum {string} */
            status: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | "RETRYING";
            priority: number;
            progress: number;
            attempts: number;
            maxAttempts: number;
            payload: {
                [key: string]: unknown;
            };
            result?: {
                [key: string]: unknown;
            } | null;
            error?: string | null;
            connectionId?: string | null;
            userId?: string | null;
            /** Format: date-time */
            scheduledFor?: string | null;
            /** Format: date-time */
            startedAt?: string | null;
            /** Format: date-time */
            completedAt?: string | null;
            /** Format: date-time */
            failedAt?: string | null;
            /** Format: date-time */
            cancelledAt?: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        JobPageDto: {
            items: components["schemas"]["JobDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        MeterDto: {
            used: number;
            limit: number;
        };
        UsageMetersDto: {
            /** @description Fixes applied this month */
            fixesApplied: components["schemas"]["MeterDto"];
            /** @description Requests made with API keys this month */
            apiCalls: components["schemas"]["MeterDto"];
            /** @description AI tokens used this month */
            aiTokens: components["schemas"]["MeterDto"];
            /** @description Sites you created (not monthly) */
            sites: components["schemas"]["MeterDto"];
            /** @description Seats taken in your largest owned team: members plus pending invitations (not monthly) */
            teamSeats: components["schemas"]["MeterDto"];
        };
        UsageOverviewDto: {
            /** @enum {string} */
            plan: "FREE" | "STARTER" | "PRO" | "AGENCY" | "ENTERPRISE";
            /** @example 2026 */
            year: number;
            month: number;
            meters: components["schemas"]["UsageMetersDto"];
        };
        AuditLogDto: {
            id: string;
            /** @description Position in the hash chain */
            seq: number;
            userId?: string | null;
            teamId?: string | null;
            /** @enum {string} */
            actorType: "USER" | "API_KEY" | "SYSTEM";
            apiKeyId?: string | null;
            action: string;
            resourceType?: string | null;
            resourceId?: string | null;
            connectionId?: string | null;
            ipAddress?: string | null;
            userAgent?: string | null;
            before?: {
                [key: string]: unknown;
            } | null;
            after?: {
                [key: string]: unknown;
            } | null;
            metadata?: {
                [key: string]: unknown;
            } | null;
            prevHash: string;
            hash: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Name (or email) of the user who acted */
            actorName?: string | null;
            /** @description Name (or domain) of the site concerned */
            siteName?: string | null;
            /** @description What the resource is, e.g. "title fix on /about/" */
            resourceLabel?: string | null;
        };
        AuditLogPageDto: {
            items: components["schemas"]["AuditLogDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        AuditChainVerificationDto: {
            /** @description Every row's hash matches its content and the previous row's hash, and seq has no gaps */
            valid: boolean;
            /** @description Rows checked */
            checked: number;
            /** @description First row where the chain breaks */
            firstBrokenSeq?: number | null;
            /** @description Why that row breaks the chain */
            reason?: string | null;
            /** @description Highest seq anchored outside the database (Redis, AUDIT_ANCHOR_FILE); the chain must reach it with the anchored hash */
            anchoredSeq?: number | null;
            /** @description Set when an anchor could not be read or none is stored yet (the chain itself was still checked) */
            anchorNote?: string | null;
        };
        NotificationDto: {
            id: string;
            /** @enum {string} */
            type: "crawl.completed" | "crawl.failed" | "plan.awaiting_approval" | "plan.completed" | "fix.applied" | "fix.failed" | "fix.rolled_back" | "fix.revert_pending" | "quota.warning" | "quota.exceeded" | "payment.failed" | "invitation.received" | "webhook.disabled" | "system";
            title: string;
            message: string;
            /** @description Dashboard path to open, e.g. /sites/abc/crawls/def */
            link?: string | null;
            icon?: string | null;
            color?: string | null;
            read: boolean;
            /** Format: date-time */
            readAt?: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        NotificationPageDto: {
            items: components["schemas"]["NotificationDto"][];
            total: number;
            page: number;
            pageSize: number;
            /** @description Unread notifications in total, whatever the filter */
            unread: number;
        };
        MarkAllReadResultDto: {
            updated: number;
        };
        SignUpDto: {
            /**
             * @description 'body' returns the refresh token in the response (clients that are not browsers). 'cookie' sets it as an httpOnly, SameSite=Strict cookie scoped to /api/auth/refresh and /api/auth/signout, plus the readable seology_csrf cookie whose value goes in the X-CSRF-Token header of those two calls; the body then has no refreshToken.
             * @default body
             * @enum {string}
             */
            refreshTokenIn?: "body" | "cookie";
            /** @example owner@example.com */
            email: string;
            /** @example correct horse battery staple */
            password: string;
            /** @example Ada Lovelace */
            name?: string;
        };
        UserDto: {
            id: string;
            email: string;
            name?: string | null;
            /** @enum {string} */
            role: "USER" | "ADMIN";
            /** @enum {string} */
            plan: "FREE" | "STARTER" | "PRO" | "AGENCY" | "ENTERPRISE";
            onboardingCompleted: boolean;
            onboardingStep: number;
            /** Format: date-time */
            createdAt: string;
        };
        AuthResponseDto: {
            user: components["schemas"]["UserDto"];
            /** @description JWT for the Authorization: Bearer header */
            accessToken: string;
            /** @description Seconds until the access token expires */
            expiresIn: number;
            /** @description Single-use token for POST /api/auth/refresh; rotates on every use. Absent with refreshTokenIn 'cookie' */
            refreshToken?: string;
        };
        SignInDto: {
            /**
             * @description 'body' returns the refresh token in the response (clients that are not browsers). 'cookie' sets it as an httpOnly, SameSite=Strict cookie scoped to /api/auth/refresh and /api/auth/signout, plus the readable seology_csrf cookie whose value goes in the X-CSRF-Token header of those two calls; the body then has no refreshToken.
             * @default body
             * @enum {string}
             */
            refreshTokenIn?: "body" | "cookie";
            /** @example owner@example.com */
            email: string;
            password: string;
        };
        RefreshDto: {
            /** @description The refresh token from sign-in or the previous refresh. Omit it when signed in with the session cookie (then X-CSRF-Token is required). */
            refreshToken?: string;
        };
        UpdateProfileDto: {
            /**
             * @description Display name; an empty string clears it
             * @example Ada Lovelace
             */
            name: string;
        };
        ChangePasswordDto: {
            /** @description The password the account has now */
            currentPassword: string;
            newPassword: string;
        };
        UpdateOnboardingDto: {
            /** @description The wizard step the user reached (0 welcome … 7 done); they may go back */
            step: number;
            /** @description true when the user finished the wizard; skipping leaves it false so it can be resumed */
            completed?: boolean;
        };
        CreateApiKeyDto: {
            /** @example CI pipeline */
            name: string;
            /**
             * @example [
             *       "connections:read",
             *       "crawls:write"
             *     ]
             */
            scopes: ("connections:read" | "connections:write" | "crawls:read" | "crawls:write" | "issues:read" | "issues:write" | "fixes:read" | "fixes:write" | "jobs:read" | "jobs:write" | "webhooks:read" | "webhooks:write" | "audit:read")[];
            /** @description Days until the key stops working; omit for no expiry */
            expiresInDays?: number;
        };
        CreatedApiKeyDto: {
            id: string;
            name: string;
            /** @description First characters of the key, to tell keys apart */
            prefix: string;
            scopes: ("connections:read" | "connections:write" | "crawls:read" | "crawls:write" | "issues:read" | "issues:write" | "fixes:read" | "fixes:write" | "jobs:read" | "jobs:write" | "webhooks:read" | "webhooks:write" | "audit:read")[];
            /** Format: date-time */
            lastUsedAt?: string | null;
            /** Format: date-time */
            expiresAt?: string | null;
            /** Format: date-time */
            revokedAt?: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description The key itself. Shown only in this response; store it now. */
            key: string;
        };
        ApiKeyDto: {
            id: string;
            name: string;
            /** @description First characters of the key, to tell keys apart */
            prefix: string;
            scopes: ("connections:read" | "connections:write" | "crawls:read" | "crawls:write" | "issues:read" | "issues:write" | "fixes:read" | "fixes:write" | "jobs:read" | "jobs:write" | "webhooks:read" | "webhooks:write" | "audit:read")[];
            /** Format: date-time */
            lastUsedAt?: string | null;
            /** Format: date-time */
            expiresAt?: string | null;
            /** Format: date-time */
            revokedAt?: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        CreateWebhookDto: {
            /**
             * @description http(s) URL on the public internet
             * @example https://example.com/hooks/seology
             */
            url: string;
            events: ("crawl.completed" | "crawl.failed" | "issue.created" | "fix.applied" | "fix.failed" | "fix.rolled_back" | "fix.revert_pending" | "plan.awaiting_approval" | "plan.completed")[];
            description?: string;
        };
        CreatedWebhookDto: {
            id: string;
            url: string;
            description?: string | null;
            events: ("crawl.completed" | "crawl.failed" | "issue.created" | "fix.applied" | "fix.failed" | "fix.rolled_back" | "fix.revert_pending" | "plan.awaiting_approval" | "plan.completed")[];
            active: boolean;
            /** @description Deliveries in a row that failed every attempt */
            failureCount: number;
            /** Format: date-time */
            disabledAt?: string | null;
            disabledReason?: string | null;
            /** Format: date-time */
            lastDeliveryAt?: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description Signing secret. Shown only in this response: store it now. */
            secret: string;
        };
        WebhookDto: {
            id: string;
            url: string;
            description?: string | null;
            events: ("crawl.completed" | "crawl.failed" | "issue.created" | "fix.applied" | "fix.failed" | "fix.rolled_back" | "fix.revert_pending" | "plan.awaiting_approval" | "plan.completed")[];
            active: boolean;
            /** @description Deliveries in a row that failed every attempt */
            failureCount: number;
            /** Format: date-time */
            disabledAt?: string | null;
            disabledReason?: string | null;
            /** Format: date-time */
            lastDeliveryAt?: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        UpdateWebhookDto: {
            url?: string;
            events?: ("crawl.completed" | "crawl.failed" | "issue.created" | "fix.applied" | "fix.failed" | "fix.rolled_back" | "fix.revert_pending" | "plan.awaiting_approval" | "plan.completed")[];
            description?: string;
            /** @description true re-enables an endpoint disabled after repeated failures (and resets its failure count) */
            active?: boolean;
        };
        WebhookDeliveryDto: {
            id: string;
            webhookId: string;
            event: string;
            /** @description Same on every retry of this delivery (Seology-Delivery header) */
            eventId: string;
            /** @enum {string} */
            status: "PENDING" | "SUCCEEDED" | "FAILED";
            attempts: number;
            responseStatus?: number | null;
            /** @description First 2000 characters */
            responseBody?: string | null;
            error?: string | null;
            durationMs?: number | null;
            /** Format: date-time */
            deliveredAt?: string | null;
            payload: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookDeliveryPageDto: {
            items: components["schemas"]["WebhookDeliveryDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        WordPressCredentialsDto: {
            /** @example editor */
            username: string;
            /**
             * @description A WordPress application password (Users > Profile > Application Passwords)
             * @example abcd efgh ijkl mnop qrst uvwx
             */
            applicationPassword: string;
        };
        ShopifyCredentialsDto: {
            /** @example my-store.myshopify.com */
            shopDomain: string;
            /** @description Admin API access token of a custom app (shpat_...) */
            accessToken: string;
        };
        CrawlSettingsDto: {
            /** @default 500 */
            maxPages?: number;
            /** @default 10 */
            maxDepth?: number;
            /** @description Only crawl URLs matching one of these patterns (glob, e.g. /blog/*) */
            include?: string[];
            /** @description Never crawl URLs matching these patterns */
            exclude?: string[];
            /** @description Extra request headers (e.g. a Cookie for sites behind a login). Stored encrypted; never returned. */
            headers?: {
                [key: string]: string;
            };
            /**
             * @description Requests per second to the site (lower it for a fragile server)
             * @default 8
             */
            requestsPerSecond?: number;
            /** @description User-Agent sent with every request; empty for the default Seology crawler name */
            userAgent?: string;
        };
        CreateConnectionDto: {
            /**
             * @description The site's home page; a bare domain means https://
             * @example https://www.example.com/
             */
            siteUrl: string;
            /** @enum {string} */
            platform: "WORDPRESS" | "SHOPIFY" | "CUSTOM";
            /**
             * @default APPROVE
             * @enum {string}
             */
            executionMode?: "AUTOMATIC" | "PLAN" | "APPROVE";
            /** @example Main store */
            displayName?: string;
            /** @description Required when platform is WORDPRESS */
            wordpress?: components["schemas"]["WordPressCredentialsDto"];
            /** @description Required when platform is SHOPIFY */
            shopify?: components["schemas"]["ShopifyCredentialsDto"];
            crawlSettings?: components["schemas"]["CrawlSettingsDto"];
            /** @description Re-crawl every N hours; omit for on-demand only */
            crawlFrequencyHours?: number;
            /** @description Make it a team site: a team where your role allows site:manage */
            teamId?: string;
        };
        PublicCrawlSettingsDto: {
            maxPages?: number;
            maxDepth?: number;
            include?: string[];
            exclude?: string[];
            /** @description Names of the configured extra headers (values are never returned) */
            headerNames?: string[];
            requestsPerSecond?: number;
            userAgent?: string;
        };
        ConnectionDto: {
            id: string;
            /** @example www.example.com */
            domain: string;
            /** @example https://www.example.com/ */
            siteUrl: string;
            displayName?: string | null;
            /** @enum {string} */
            platform: "WORDPRESS" | "SHOPIFY" | "CUSTOM";
            /** @enum {string} */
            status: "PENDING" | "CONNECTED" | "ERROR" | "DISCONNECTED";
            /** @enum {string} */
            executionMode: "AUTOMATIC" | "PLAN" | "APPROVE";
            /** @description Platform credentials are stored (encrypted); they are never returned */
            hasCredentials: boolean;
            /** @description Public key for the snippet script tag */
            snippetKey: string;
            crawlSettings: components["schemas"]["PublicCrawlSettingsDto"];
            /** @description Re-crawl every N hours (24 daily, 168 weekly, 720 monthly); null when crawls are on demand only */
            crawlFrequencyHours?: number | null;
            /**
             * Format: date-time
             * @description When the next scheduled crawl starts; null without a schedule
             */
            nextCrawlAt?: string | null;
            /**
             * @description The plan whose limits apply to this site (its owner's): it sets the shortest schedule, see minCrawlFrequencyHours
             * @enum {string}
             */
            ownerPlan: "FREE" | "STARTER" | "PRO" | "AGENCY" | "ENTERPRISE";
            /** @description The shortest re-crawl interval, in hours, that the owner's plan allows (168 weekly on Free, 24 daily on Starter and Pro) */
            minCrawlFrequencyHours: number;
            /** @enum {string} */
            healthStatus: "healthy" | "warning" | "error" | "unknown";
            healthScore?: number | null;
            pageCount: number;
            issueCount: number;
            /** Format: date-time */
            lastCrawlAt?: string | null;
            /** Format: date-time */
            lastAnalysisAt?: string | null;
            teamId?: string | null;
            /**
             * @description What the caller may do here, as a role of the shared permission matrix: OWNER for a site they created, otherwise their role in the site's team
             * @enum {string}
             */
            role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ConnectionPageDto: {
            items: components["schemas"]["ConnectionDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        HealthPointDto: {
            /**
             * @description Day (UTC) of the score
             * @example 2026-11-24
             */
            date: string;
            healthScore: number;
        };
        SiteHealthTrendDto: {
            connectionId: string;
            /** @description One point per day that has a score, oldest first */
            points: components["schemas"]["HealthPointDto"][];
        };
        HealthTrendsDto: {
            /** @description One entry per requested site the caller can reach; others are left out */
            items: components["schemas"]["SiteHealthTrendDto"][];
        };
        UpdateConnectionDto: {
            /** @enum {string} */
            executionMode?: "AUTOMATIC" | "PLAN" | "APPROVE";
            displayName?: string;
            wordpress?: components["schemas"]["WordPressCredentialsDto"];
            shopify?: components["schemas"]["ShopifyCredentialsDto"];
            crawlSettings?: components["schemas"]["CrawlSettingsDto"];
            crawlFrequencyHours?: number | null;
            /** @description Move the site into a team (needs site:manage there) or null to make it personal again */
            teamId?: string | null;
        };
        CreateTeamDto: {
            /** @example Acme marketing */
            name: string;
        };
        TeamDto: {
            id: string;
            name: string;
            slug: string;
            ownerId: string;
            /**
             * @description The caller's role in this team
             * @enum {string}
             */
            role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";
            /** Format: date-time */
            createdAt: string;
        };
        TeamMemberDto: {
            userId: string;
            email: string;
            name?: string | null;
            /** @enum {string} */
            role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";
            /** Format: date-time */
            joinedAt: string;
        };
        InvitationDto: {
            id: string;
            teamId: string;
            email: string;
            /** @enum {string} */
            role: "ADMIN" | "MEMBER" | "VIEWER";
            /** @enum {string} */
            status: "PENDING" | "ACCEPTED" | "DECLINED" | "EXPIRED" | "REVOKED";
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        TeamDetailDto: {
            id: string;
            name: string;
            slug: string;
            ownerId: string;
            /**
             * @description The caller's role in this team
             * @enum {string}
             */
            role: "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";
            /** Format: date-time */
            createdAt: string;
            members: components["schemas"]["TeamMemberDto"][];
            /** @description Only for roles that may manage members; empty otherwise */
            invitations: components["schemas"]["InvitationDto"][];
            /** @description Seats of the owner's plan (members plus pending invitations count against it) */
            seatLimit: number;
            /**
             * @description The owner's plan, whose seats the team uses
             * @enum {string}
             */
            ownerPlan: "FREE" | "STARTER" | "PRO" | "AGENCY" | "ENTERPRISE";
        };
        InviteMemberDto: {
            /** @example colleague@example.com */
            email: string;
            /** @enum {string} */
            role: "ADMIN" | "MEMBER" | "VIEWER";
        };
        ChangeMemberRoleDto: {
            /** @enum {string} */
            role: "ADMIN" | "MEMBER" | "VIEWER";
        };
        TransferOwnershipDto: {
            /** @description User id of the member who becomes the owner; the current owner becomes an ADMIN. */
            userId: string;
        };
        InvitationTokenDto: {
            /** @description The token from the invitation email */
            token: string;
        };
        InvitationPreviewDto: {
            id: string;
            teamId: string;
            email: string;
            /** @enum {string} */
            role: "ADMIN" | "MEMBER" | "VIEWER";
            /** @enum {string} */
            status: "PENDING" | "ACCEPTED" | "DECLINED" | "EXPIRED" | "REVOKED";
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Name of the team the invitation is for */
            teamName: string;
            /** @description Email of the person who sent it */
            invitedBy: string;
            /** @description Whether the caller is the invited person (same email) and can answer it */
            forYou: boolean;
        };
        CrawlIssueClassesDto: {
            /** @description Issues of severity CRITICAL or HIGH */
            errors: number;
            /** @description Issues of severity MEDIUM */
            warnings: number;
            /** @description Issues of severity LOW or INFO */
            notices: number;
        };
        CrawlDto: {
            id: string;
            connectionId: string;
            /** @enum {string} */
            status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED";
            /** @description The job running this crawl (progress lives there too) */
            jobId?: string | null;
            pagesCrawled: number;
            pagesQueued: number;
            issuesFound: number;
            newIssues: number;
            resolvedIssues: number;
            /** @description The issues this crawl found (issuesFound) as errors, warnings and notices; null until its analysis has run (and for crawls analysed before the split was kept) */
            issueClasses?: components["schemas"]["CrawlIssueClassesDto"] | null;
            healthScore?: number | null;
            durationMs?: number | null;
            error?: string | null;
            stats: {
                [key: string]: unknown;
            };
            /** @description A cancelled crawl that can continue where it stopped */
            resumable: boolean;
            /** Format: date-time */
            startedAt?: string | null;
            /** Format: date-time */
            completedAt?: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        CrawlPageDto: {
            items: components["schemas"]["CrawlDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        DiffIssueDto: {
            id: string;
            type: string;
            severity: string;
            pageUrl: string;
            title: string;
        };
        ChangedPageDto: {
            url: string;
            /**
             * @example [
             *       "title",
             *       "status"
             *     ]
             */
            fields: string[];
        };
        CrawlDiffDto: {
            crawlId: string;
            againstCrawlId?: string | null;
            /** @description Issues first found by this crawl (or a crawl between the two); up to 1,000 */
            newIssues: components["schemas"]["DiffIssueDto"][];
            /** @description Issues this crawl (or a crawl between the two) no longer found; up to 1,000 */
            resolvedIssues: components["schemas"]["DiffIssueDto"][];
            /** @description All new issues; equals the crawl's newIssues when compared with the previous crawl */
            newIssueCount: number;
            /** @description All resolved issues; equals the crawl's resolvedIssues when compared with the previous crawl */
            resolvedIssueCount: number;
            pagesAdded: string[];
            pagesRemoved: string[];
            pagesChanged: components["schemas"]["ChangedPageDto"][];
        };
        IssuePriorityBasisDto: {
            /** @enum {string} */
            basis: "search-traffic" | "check-score";
            /** @description Why issues are ranked this way, in plain words */
            reason: string;
        };
        SearchConsoleStatusDto: {
            priorities: components["schemas"]["IssuePriorityBasisDto"];
            /** @description The server has a Google OAuth client (GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET) */
            available: boolean;
            connected: boolean;
            /** @enum {string} */
            status?: "ACTIVE" | "REVOKED";
            propertyUrl?: string | null;
            /** @description Last day stored whose data Google calls complete (YYYY-MM-DD) */
            syncedThrough?: string | null;
            /** Format: date-time */
            lastSyncAt?: string | null;
            lastError?: string | null;
            scope?: string;
        };
        ImpactCountsDto: {
            likely: number;
            possible: number;
            noMeasurableChange: number;
            notEnoughData: number;
            tooEarly: number;
        };
        MeasuredFixDto: {
            fixId: string;
            /** @description Field changed */
            type: string;
            pageUrl: string;
            /** @description APPLIED, or ROLLED_BACK (a rolled-back fix keeps its measurement) */
            status: string;
            /** Format: date-time */
            appliedAt?: string | null;
            /** @enum {string} */
            confidence: "too-early" | "not-enough-data" | "no-measurable-change" | "possible" | "likely";
            summary: string;
            /** @description Net clicks change of the widest window measured, in % */
            clicksPct?: number | null;
            /** @description Days of the widest window measured; null while too early */
            days?: number | null;
        };
        FixImpactSummaryDto: {
            /** @description Fixes with a measurement (applied, or rolled back after one) */
            measured: number;
            /** @description Measured fixes by confidence */
            counts: components["schemas"]["ImpactCountsDto"];
            /** @description Up to 10: the clearest effects first (likely, then possible, by size of the change), then the newest */
            fixes: components["schemas"]["MeasuredFixDto"][];
        };
        SearchConsoleAuthorizationDto: {
            /** @description Google's consent screen; open it in the browser. It comes back to /api/search-console/callback. */
            authorizationUrl: string;
        };
        SearchConsolePropertyDto: {
            /** @example sc-domain:example.com */
            siteUrl: string;
            /** @example siteOwner */
            permissionLevel: string;
            /** @enum {string} */
            kind: "url-prefix" | "domain";
            /** @description The property covers the site's URL */
            matches: boolean;
            selected: boolean;
        };
        SearchConsolePropertiesDto: {
            /** @description Best match first */
            items: components["schemas"]["SearchConsolePropertyDto"][];
        };
        ChoosePropertyDto: {
            /**
             * @description One of the properties listed by GET .../search-console/properties
             * @example https://www.example.com/
             */
            propertyUrl: string;
        };
        GeneratorStatusDto: {
            /**
             * @description rules when no ANTHROPIC_API_KEY is configured
             * @enum {string}
             */
            generator: "rules" | "claude";
            model?: string | null;
            message: string;
        };
        WritableFieldsDto: {
            /**
             * @description A kind of URL: post, page, media, term (category or tag archive), home (a front page listing posts), product...
             * @enum {string}
             */
            kind: "post" | "page" | "product" | "collection" | "article" | "media" | "term" | "home";
            /** @description Fields Seology can change on URLs of this kind */
            fields: ("title" | "metaDescription" | "imageAlt" | "h1" | "canonical" | "robots" | "ogTitle" | "ogDescription" | "jsonLd" | "redirect")[];
        };
        WordPressSetupDto: {
            /** @description Version of the Seology plugin for WordPress; null when it is not active */
            companionPlugin?: string | null;
            /**
             * @description The SEO plugin whose fields Seology writes
             * @enum {string|null}
             */
            seoPlugin?: "yoast" | "rankmath" | null;
            /**
             * @description Where redirects are written; null when none can be
             * @enum {string|null}
             */
            redirects?: "seology" | "redirection" | null;
        };
        ConnectionCheckDto: {
            /** @description true when Seology can read the site and, for WordPress and Shopify, the credentials are accepted */
            ok: boolean;
            /** @description The site's name as the platform reports it */
            siteName?: string | null;
            /** @description Why the check failed, in words a person can act on */
            reason?: string | null;
            /** @description What Seology can change, per kind of URL (empty when the check failed) */
            writable: components["schemas"]["WritableFieldsDto"][];
            /** @description WordPress sites: the plugins that decide what can be changed */
            wordpress?: components["schemas"]["WordPressSetupDto"] | null;
            /** @description Why a field cannot be changed, by field, with what would unlock it (e.g. installing the Seology plugin) */
            unsupported: {
                [key: string]: string;
            };
        };
        RollbackConflictDto: {
            /** @description What Seology wrote */
            expected?: string | null;
            /** @description What the platform holds now */
            actual?: string | null;
            detectedAt: string;
        };
        DateRangeDto: {
            /** @example 2026-01-01 */
            start: string;
            /** @example 2026-01-28 */
            end: string;
        };
        PeriodChangeDto: {
            /** @description [before, after] */
            clicks: number[];
            /** @description [before, after] */
            impressions: number[];
            /** @description [before, after] as fractions; null without impressions */
            ctr: (number | null)[];
            /** @description [before, after], averaged by impressions; null without impressions */
            position: (number | null)[];
        };
        ImpactEffectDto: {
            /** @description The page's change in clicks net of the control pages', in % */
            clicksPct?: number | null;
            impressionsPct?: number | null;
            /** @description CTR change net of the controls, in percentage points */
            ctrPoints?: number | null;
            /** @description Position change net of the controls (negative is better) */
            position?: number | null;
        };
        ImpactWindowDto: {
            /** @enum {number} */
            days: 7 | 28 | 90;
            before: components["schemas"]["DateRangeDto"];
            after: components["schemas"]["DateRangeDto"];
            /** @description The fixed page's numbers */
            page: components["schemas"]["PeriodChangeDto"];
            /** @description The control pages, summed */
            controls: components["schemas"]["PeriodChangeDto"];
            /** @description Difference-in-differences */
            effect: components["schemas"]["ImpactEffectDto"];
        };
        FixImpactDto: {
            /** @description Last day of Search Console data used (YYYY-MM-DD) */
            measuredThrough: string;
            /** @description Comparable pages of the same site that no fix touched */
            controlPages: number;
            /** @description What a change of this kind usually does */
            expected: string;
            /** @description Equal windows before and after, 7/28/90 days as data arrives */
            windows: components["schemas"]["ImpactWindowDto"][];
            /** @enum {string} */
            confidence: "too-early" | "not-enough-data" | "no-measurable-change" | "possible" | "likely";
            /** @example +12% clicks over 28 days, likely due to the fix. */
            summary: string;
        };
        FixDto: {
            id: string;
            connectionId: string;
            issueId?: string | null;
            planId?: string | null;
            /** @description Field changed: title, metaDescription, imageAlt, h1, canonical, robots, ogTitle, ogDescription, jsonLd, redirect, anchorText */
            type: string;
            /** @enum {string} */
            method: "RULE" | "AI" | "MANUAL";
            /** @enum {string} */
            status: "PROPOSED" | "APPROVED" | "REJECTED" | "APPLYING" | "APPLIED" | "FAILED" | "ROLLING_BACK" | "ROLLED_BACK" | "MANUAL" | "REVERT_PENDING";
            /** @enum {string} */
            risk: "LOW" | "MEDIUM" | "HIGH";
            pageUrl: string;
            target?: string | null;
            beforeValue?: string | null;
            afterValue: string;
            rationale?: string | null;
            /** Format: date-time */
            appliedAt?: string | null;
            /** Format: date-time */
            verifiedAt?: string | null;
            verificationDetail?: string | null;
            failureReason?: string | null;
            /** @description MANUAL fixes: why Seology cannot make this change on this site and what would let it (e.g. installing the Seology plugin) */
            manualReason?: string | null;
            /**
             * Format: date-time
             * @description REVERT_PENDING fixes: Seology retries the revert with backoff until then, and the fix is FAILED after
             */
            revertRetryUntil?: string | null;
            /** Format: date-time */
            rollbackDeadline?: string | null;
            /** @description true when a rollback can restore the stored before-state: APPLIED, or REVERT_PENDING/FAILED while the change may still be live */
            rollbackPossible: boolean;
            /** Format: date-time */
            rolledBackAt?: string | null;
            /** @description Set when a rollback found the live value changed; roll back with force=true to restore anyway */
            rollbackConflict?: components["schemas"]["RollbackConflictDto"] | null;
            /** Format: date-time */
            approvedAt?: string | null;
            /** Format: date-time */
            rejectedAt?: string | null;
            rejectionReason?: string | null;
            /** @description Applied fixes: the page's Search Console numbers before and after against unchanged comparable pages; null until Search Console data covers the fix. Rolled-back fixes keep theirs. */
            impact?: components["schemas"]["FixImpactDto"] | null;
            /** Format: date-time */
            createdAt: string;
        };
        FixPageDto: {
            items: components["schemas"]["FixDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        ApproveFixesDto: {
            /** @description Fixes to approve (1-100); all must be PROPOSED */
            ids: string[];
        };
        RejectDto: {
            /** @description Why; shown in the history */
            reason: string;
        };
        RollbackFixDto: {
            /**
             * @description Restore the old value even if someone changed the live value since Seology wrote it
             * @default false
             */
            force?: boolean;
        };
        IssueDto: {
            id: string;
            connectionId: string;
            /** @description Check id (docs/checks.md) */
            type: string;
            category: string;
            /** @enum {string} */
            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFO";
            /** @enum {string} */
            status: "OPEN" | "FIXING" | "FIXED" | "RESOLVED" | "IGNORED";
            title: string;
            description: string;
            pageUrl: string;
            elementSelector?: string | null;
            evidence?: string | null;
            impactScore: number;
            fixable: boolean;
            /** @description The page's Search Console impressions over the last 28 complete days; 0 until Search Console data arrives */
            estimatedTraffic: number;
            /** @description The page's Search Console clicks over the same 28 days; 0 until Search Console data arrives */
            searchClicks: number;
            /** Format: date-time */
            firstSeenAt: string;
            /** Format: date-time */
            lastSeenAt: string;
            /** Format: date-time */
            resolvedAt?: string | null;
            /** Format: date-time */
            ignoredAt?: string | null;
        };
        IssuePageDto: {
            items: components["schemas"]["IssueDto"][];
            total: number;
            page: number;
            pageSize: number;
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
        };
        IssueGroupDto: {
            /** @description Check id (docs/checks.md) */
            checkId: string;
            title: string;
            /**
             * @description The most severe of the group
             * @enum {string}
             */
            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFO";
            category: string;
            /** @description Issues of this check that match the filters */
            count: number;
            /** @description Distinct pages with such an issue */
            affectedPages: number;
            /** @description Issues with a proposed or approved fix waiting to be applied */
            openFixes: number;
            /** @description Issues a rule can fix (no AI needed) */
            fixableByRule: number;
            /** @description Up to three affected pages */
            examplePages: string[];
            /** @description Search Console impressions (28 days) of the distinct affected pages, summed; 0 without Search Console */
            estimatedTraffic: number;
        };
        IssueGroupPageDto: {
            items: components["schemas"]["IssueGroupDto"][];
            /** @description Number of groups */
            total: number;
            page: number;
            pageSize: number;
        };
        CheckDto: {
            id: string;
            category: string;
            /** @enum {string} */
            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFO";
            weight: number;
            title: string;
            explanation: string;
            howToFix: string;
            /** @enum {string} */
            scope: "page" | "site";
            fixKind?: string;
        };
        IssueDetailDto: {
            id: string;
            connectionId: string;
            /** @description Check id (docs/checks.md) */
            type: string;
            category: string;
            /** @enum {string} */
            severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFO";
            /** @enum {string} */
            status: "OPEN" | "FIXING" | "FIXED" | "RESOLVED" | "IGNORED";
            title: string;
            description: string;
            pageUrl: string;
            elementSelector?: string | null;
            evidence?: string | null;
            impactScore: number;
            fixable: boolean;
            /** @description The page's Search Console impressions over the last 28 complete days; 0 until Search Console data arrives */
            estimatedTraffic: number;
            /** @description The page's Search Console clicks over the same 28 days; 0 until Search Console data arrives */
            searchClicks: number;
            /** Format: date-time */
            firstSeenAt: string;
            /** Format: date-time */
            lastSeenAt: string;
            /** Format: date-time */
            resolvedAt?: string | null;
            /** Format: date-time */
            ignoredAt?: string | null;
            /** @description The check that found it: why it matters and how to fix it */
            check?: components["schemas"]["CheckDto"] | null;
        };
        CrawledPageDto: {
            id: string;
            crawlId: string;
            url: string;
            finalUrl: string;
            /** @description HTTP status; 0 when the page did not answer */
            status: number;
            title?: string | null;
            description?: string | null;
            canonical?: string | null;
            h1?: string | null;
            /** @description Clicks from the start page */
            depth: number;
            wordCount: number;
            bodyBytes: number;
            ttfbMs: number;
            totalMs: number;
            indexable: boolean;
            /** @description Internal links to this URL from the crawled pages */
            inlinks: number;
            /** @description Open issues on this URL when the crawl was analysed */
            issueCount: number;
            /** @description Search Console impressions of this URL over the 28 days up to the last synced day; null when the site's Search Console data has not arrived */
            impressions?: number | null;
            /** @description Search Console clicks over the same 28 days; null like impressions */
            clicks?: number | null;
            /** Format: date-time */
            crawledAt: string;
        };
        CrawledPageListDto: {
            items: components["schemas"]["CrawledPageDto"][];
            total: number;
            page: number;
            pageSize: number;
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
            /** @description The crawl listed; null when the site has no completed crawl yet */
            crawlId?: string | null;
        };
        FixEventDto: {
            /** @enum {string} */
            event: "proposed" | "approved" | "rejected" | "applied" | "verified" | "failed" | "rolled-back";
            /** Format: date-time */
            at: string;
            detail?: string | null;
        };
        PageFixDto: {
            id: string;
            connectionId: string;
            issueId?: string | null;
            planId?: string | null;
            /** @description Field changed: title, metaDescription, imageAlt, h1, canonical, robots, ogTitle, ogDescription, jsonLd, redirect, anchorText */
            type: string;
            /** @enum {string} */
            method: "RULE" | "AI" | "MANUAL";
            /** @enum {string} */
            status: "PROPOSED" | "APPROVED" | "REJECTED" | "APPLYING" | "APPLIED" | "FAILED" | "ROLLING_BACK" | "ROLLED_BACK" | "MANUAL" | "REVERT_PENDING";
            /** @enum {string} */
            risk: "LOW" | "MEDIUM" | "HIGH";
            pageUrl: string;
            target?: string | null;
            beforeValue?: string | null;
            afterValue: string;
            rationale?: string | null;
            /** Format: date-time */
            appliedAt?: string | null;
            /** Format: date-time */
            verifiedAt?: string | null;
            verificationDetail?: string | null;
            failureReason?: string | null;
            /** @description MANUAL fixes: why Seology cannot make this change on this site and what would let it (e.g. installing the Seology plugin) */
            manualReason?: string | null;
            /**
             * Format: date-time
             * @description REVERT_PENDING fixes: Seology retries the revert with backoff until then, and the fix is FAILED after
             */
            revertRetryUntil?: string | null;
            /** Format: date-time */
            rollbackDeadline?: string | null;
            /** @description true when a rollback can restore the stored before-state: APPLIED, or REVERT_PENDING/FAILED while the change may still be live */
            rollbackPossible: boolean;
            /** Format: date-time */
            rolledBackAt?: string | null;
            /** @description Set when a rollback found the live value changed; roll back with force=true to restore anyway */
            rollbackConflict?: components["schemas"]["RollbackConflictDto"] | null;
            /** Format: date-time */
            approvedAt?: string | null;
            /** Format: date-time */
            rejectedAt?: string | null;
            rejectionReason?: string | null;
            /** @description Applied fixes: the page's Search Console numbers before and after against unchanged comparable pages; null until Search Console data covers the fix. Rolled-back fixes keep theirs. */
            impact?: components["schemas"]["FixImpactDto"] | null;
            /** Format: date-time */
            createdAt: string;
            /** @description What happened to the fix, oldest first */
            history: components["schemas"]["FixEventDto"][];
        };
        PageCrawlHistoryDto: {
            crawlId: string;
            /** Format: date-time */
            crawledAt: string;
            status: number;
            title?: string | null;
            indexable: boolean;
            issueCount: number;
        };
        PageDetailDto: {
            /** @description The URL as the latest crawl that fetched it saw it */
            page: components["schemas"]["CrawledPageDto"];
            /** @description Every issue on this URL, open first, then by impact */
            issues: components["schemas"]["IssueDto"][];
            /** @description Fixes on this URL, newest first, each with its history */
            fixes: components["schemas"]["PageFixDto"][];
            /** @description This URL in the site's crawls, newest first (up to 20) */
            history: components["schemas"]["PageCrawlHistoryDto"][];
        };
        SubscriptionDto: {
            /** @enum {string} */
            status: "TRIALING" | "ACTIVE" | "PAST_DUE" | "CANCELED" | "UNPAID" | "INCOMPLETE" | "INCOMPLETE_EXPIRED" | "PAUSED";
            /** @enum {string} */
            plan: "FREE" | "STARTER" | "PRO" | "AGENCY" | "ENTERPRISE";
            /** Format: date-time */
            currentPeriodStart?: string | null;
            /** Format: date-time */
            currentPeriodEnd?: string | null;
            /** Format: date-time */
            trialEnd?: string | null;
            cancelAtPeriodEnd: boolean;
            /**
             * Format: date-time
             * @description After a failed payment the plan is kept until then, then falls back to FREE
             */
            graceUntil?: string | null;
        };
        BillingOverviewDto: {
            /** @description False when the server has no Stripe key: plans are then set by an admin */
            billingEnabled: boolean;
            /**
             * @description The plan whose limits apply now
             * @enum {string}
             */
            plan: "FREE" | "STARTER" | "PRO" | "AGENCY" | "ENTERPRISE";
            subscription?: components["schemas"]["SubscriptionDto"] | null;
            /** @description Plans that can be bought through Checkout */
            purchasablePlans: ("STARTER" | "PRO" | "AGENCY")[];
        };
        CreateCheckoutDto: {
            /** @enum {string} */
            plan: "STARTER" | "PRO" | "AGENCY";
        };
        RedirectUrlDto: {
            /** @description Send the browser here (Stripe-hosted page) */
            url: string;
            id: string;
        };
        WebhookAckDto: {
            received: boolean;
            /** @description True when this event id had already been processed (no effect the second time) */
            duplicate: boolean;
        };
        SetPlanDto: {
            /** @enum {string} */
            plan: "FREE" | "STARTER" | "PRO" | "AGENCY" | "ENTERPRISE";
        };
        AdminUserPlanDto: {
            id: string;
            email: string;
            /** @enum {string} */
            plan: "FREE" | "STARTER" | "PRO" | "AGENCY" | "ENTERPRISE";
        };
        PlanDto: {
            id: string;
            connectionId: string;
            title: string;
            description?: string | null;
            /** @description { fixes, byRisk, byType, expectedScoreGain, scoreGainBasis }: expectedScoreGain is the health score points the fixes give back by the score formula on the latest crawl (scoreGainBasis says so), or a rough estimate from the issues' impact for crawls made before the score inputs were kept */
            estimatedImpact: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            status: "PENDING" | "APPROVED" | "REJECTED" | "EXECUTING" | "COMPLETED" | "FAILED";
            /** @description Per-fix outcome of APPLY_PLAN: { [fixId]: { status, error? } } */
            results?: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            approvedAt?: string | null;
            /** Format: date-time */
            rejectedAt?: string | null;
            rejectionReason?: string | null;
            /** Format: date-time */
            executedAt?: string | null;
            /** Format: date-time */
            completedAt?: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        PlanPageDto: {
            items: components["schemas"]["PlanDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        PlanDetailDto: {
            id: string;
            connectionId: string;
            title: string;
            description?: string | null;
            /** @description { fixes, byRisk, byType, expectedScoreGain, scoreGainBasis }: expectedScoreGain is the health score points the fixes give back by the score formula on the latest crawl (scoreGainBasis says so), or a rough estimate from the issues' impact for crawls made before the score inputs were kept */
            estimatedImpact: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            status: "PENDING" | "APPROVED" | "REJECTED" | "EXECUTING" | "COMPLETED" | "FAILED";
            /** @description Per-fix outcome of APPLY_PLAN: { [fixId]: { status, error? } } */
            results?: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            approvedAt?: string | null;
            /** Format: date-time */
            rejectedAt?: string | null;
            rejectionReason?: string | null;
            /** Format: date-time */
            executedAt?: string | null;
            /** Format: date-time */
            completedAt?: string | null;
            /** Format: date-time */
            createdAt: string;
            fixes: components["schemas"]["FixDto"][];
        };
        ApprovePlanDto: {
            /** @description Approve only these proposed fixes of the plan (e.g. the most impactful ones that fit the month's quota). The others leave the plan and stay proposed, to approve one by one later. Omit to approve the whole plan. */
            fixIds?: string[];
        };
        AssistantStatusDto: {
            /** @description False when no Anthropic API key is configured */
            available: boolean;
            model: string | null;
            message?: string;
        };
        CreateConversationDto: {
            /** @description Defaults to the start of the first question */
            title?: string;
        };
        ConversationDto: {
            id: string;
            connectionId: string;
            title: string;
            /** @description Model of the latest answer */
            model: string | null;
            /** @description Input tokens of every answer, including cached ones */
            inputTokens: number;
            outputTokens: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ConversationPageDto: {
            items: components["schemas"]["ConversationDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        ConversationMessageDto: {
            id: string;
            /** @enum {string} */
            role: "user" | "assistant";
            content: string;
            createdAt: string;
            /** @description Why an answer is incomplete (the stream failed or was stopped); content holds what arrived */
            error?: string;
        };
        ConversationDetailDto: {
            id: string;
            connectionId: string;
            title: string;
            /** @description Model of the latest answer */
            model: string | null;
            /** @description Input tokens of every answer, including cached ones */
            inputTokens: number;
            outputTokens: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            messages: components["schemas"]["ConversationMessageDto"][];
        };
        SendMessageDto: {
            /** @example Which issues should I fix first? */
            content: string;
        };
        ReportDownloadsDto: {
            /** @example /api/reports/clx.../download?format=pdf */
            pdf: string;
            /**
             * @description A zip of one CSV per section
             * @example /api/reports/clx.../download?format=csv
             */
            csv: string;
        };
        ReportDto: {
            id: string;
            connectionId: string;
            /** @enum {string} */
            status: "PENDING" | "READY" | "FAILED";
            /** @description Made by the site's schedule and emailed, rather than on demand */
            scheduled: boolean;
            /**
             * @description First day covered
             * @example 2026-11-01
             */
            periodFrom: string;
            /**
             * @description Last day covered
             * @example 2026-11-30
             */
            periodTo: string;
            pdfBytes: number;
            csvBytes: number;
            /** @description Why it failed (FAILED only) */
            error: string | null;
            emailedTo: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            completedAt: string | null;
            /**
             * Format: date-time
             * @description Deleted after this, per the site owner's plan
             */
            expiresAt: string;
            /** @description Set once READY */
            downloads: components["schemas"]["ReportDownloadsDto"] | null;
        };
        ReportListDto: {
            /** @description Newest first, at most 50 */
            items: components["schemas"]["ReportDto"][];
        };
        CreateReportDto: {
            /**
             * @description First day (UTC); default 30 days before `to`
             * @example 2026-11-01
             */
            from?: string;
            /**
             * @description Last day (UTC), included; default today
             * @example 2026-11-30
             */
            to?: string;
        };
        ReportScheduleDto: {
            /** @enum {string} */
            frequency: "NONE" | "WEEKLY" | "MONTHLY";
            /** @description Where the PDF goes; the site owner's address when empty */
            recipients: string[];
            /** Format: date-time */
            nextRunAt: string | null;
            /** Format: date-time */
            lastRunAt: string | null;
        };
        UpdateReportScheduleDto: {
            /**
             * @description WEEKLY: Mondays 06:00 UTC for the previous 7 days; MONTHLY: the 1st, 06:00 UTC, for the previous month
             * @enum {string}
             */
            frequency: "NONE" | "WEEKLY" | "MONTHLY";
            /**
             * @example [
             *       "client@example.com"
             *     ]
             */
            recipients?: string[];
        };
        ReportBrandingDto: {
            /** @description The account's plan puts its own name and logo on reports (Agency and Enterprise) */
            available: boolean;
            /** @description Plain words: whose name the reports carry and why */
            reason: string;
            agencyName: string | null;
            /** @description data:image/png|jpeg;base64,... */
            logoDataUrl: string | null;
        };
        UpdateReportBrandingDto: {
            /** @example Northwind Digital */
            agencyName: string;
            /** @description PNG or JPEG as a data URL, at most 256 KB; null removes the logo, leaving it out keeps it */
            logoDataUrl?: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    Health_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivenessDto"];
                };
            };
        };
    };
    Health_health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description Postgres or Redis is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
        };
    };
    Jobs_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                status?: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | "RETRYING";
                type?: "CRAWL_SITE" | "ANALYZE_SITE" | "APPLY_FIX" | "APPLY_PLAN" | "ROLLBACK_FIX" | "CLEANUP_ROLLBACKS" | "RESET_USAGE" | "SYNC_METRICS" | "GENERATE_REPORT" | "DELIVER_WEBHOOK" | "SEND_EMAIL" | "SEND_SCHEDULED_REPORTS" | "PURGE_COMPLETED_JOBS" | "PURGE_OLD_METRICS" | "PURGE_EXPIRED_REPORTS";
                /** @description Admins only: jobs of one user */
                userId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPageDto"];
                };
            };
        };
    };
    Jobs_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
        };
    };
    Jobs_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
        };
    };
    AdminJobs_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                status?: "PENDING" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED" | "RETRYING";
                type?: "CRAWL_SITE" | "ANALYZE_SITE" | "APPLY_FIX" | "APPLY_PLAN" | "ROLLBACK_FIX" | "CLEANUP_ROLLBACKS" | "RESET_USAGE" | "SYNC_METRICS" | "GENERATE_REPORT" | "DELIVER_WEBHOOK" | "SEND_EMAIL" | "SEND_SCHEDULED_REPORTS" | "PURGE_COMPLETED_JOBS" | "PURGE_OLD_METRICS" | "PURGE_EXPIRED_REPORTS";
                /** @description Admins only: jobs of one user */
                userId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPageDto"];
                };
            };
        };
    };
    AdminJobs_retry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
        };
    };
    AdminJobs_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobDto"];
                };
            };
        };
    };
    Usage_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description This month's usage of every meter against the plan's limits */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageOverviewDto"];
                };
            };
        };
    };
    Audit_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                action?: string;
                connectionId?: string;
                resourceType?: string;
                /** @description Entries at or after this time */
                from?: string;
                /** @description Entries before this time */
                to?: string;
                /** @description Platform admins only: another user's trail */
                userId?: string;
                /** @description A team's trail; the caller must be its owner or an admin of it */
                teamId?: string;
                /** @description true: leave out routine entries (saves of the setup wizard's progress) */
                hideRoutine?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first. Your own trail; a team's with teamId (team owners and admins); anyone's with userId (platform admins). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogPageDto"];
                };
            };
        };
    };
    Audit_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Walks the whole hash chain (platform admins) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditChainVerificationDto"];
                };
            };
        };
    };
    AuditExport_exportCsv: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                action?: string;
                connectionId?: string;
                resourceType?: string;
                /** @description Entries at or after this time */
                from?: string;
                /** @description Entries before this time */
                to?: string;
                /** @description Platform admins only: another user's trail */
                userId?: string;
                /** @description A team's trail; the caller must be its owner or an admin of it */
                teamId?: string;
                /** @description true: leave out routine entries (saves of the setup wizard's progress) */
                hideRoutine?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Notifications_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Only unread notifications */
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPageDto"];
                };
            };
        };
    };
    Notifications_stream: {
        parameters: {
            query?: {
                /** @description Access token (JWT), for EventSource clients that cannot send headers */
                access_token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Server-Sent Events: `ready`, then `notification` events carrying a NotificationDto */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Notifications_markAllRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarkAllReadResultDto"];
                };
            };
        };
    };
    Notifications_markRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationDto"];
                };
            };
        };
    };
    Auth_signUp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignUpDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponseDto"];
                };
            };
        };
    };
    Auth_signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponseDto"];
                };
            };
        };
    };
    Auth_refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResponseDto"];
                };
            };
        };
    };
    Auth_signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            /** @description The refresh token (from the body or the session cookie) and every token rotated from it are revoked; the cookies are cleared */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Auth_revokeAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Auth_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
        };
    };
    Auth_updateProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProfileDto"];
            };
        };
        responses: {
            /** @description Changes the display name */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
        };
    };
    Auth_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            /** @description The password is changed and every session of the account is signed out (this one too); sign in again with the new password */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Auth_saveOnboarding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOnboardingDto"];
            };
        };
        responses: {
            /** @description Saves how far the current user got in the onboarding wizard, so it can be resumed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
        };
    };
    ApiKeys_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"][];
                };
            };
        };
    };
    ApiKeys_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
        };
    };
    ApiKeys_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
        };
    };
    Webhooks_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"][];
                };
            };
        };
    };
    Webhooks_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            /** @description The signing secret is in this response only. 400 when the URL is private or not http(s). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookDto"];
                };
            };
        };
    };
    Webhooks_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
        };
    };
    Webhooks_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Webhooks_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
        };
    };
    Webhooks_ping: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `ping` delivery was queued; follow it in the delivery log */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryDto"];
                };
            };
        };
    };
    Webhooks_rotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new signing secret, shown only in this response; the old one stops working at once */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookDto"];
                };
            };
        };
    };
    Webhooks_redeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A new delivery of the same event (same payload and payload id, new Seology-Delivery id) was queued; 409 while the original is still being attempted or the endpoint is disabled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryDto"];
                };
            };
        };
    };
    Webhooks_deliveries: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPageDto"];
                };
            };
        };
    };
    Connections_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionPageDto"];
                };
            };
        };
    };
    Connections_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConnectionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionDto"];
                };
            };
        };
    };
    Connections_healthTrends: {
        parameters: {
            query: {
                /** @description Comma-separated ids of the sites (at most 100) */
                ids: string[];
                /** @description How many days back the series reaches */
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Daily health scores of the given sites, for trend charts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthTrendsDto"];
                };
            };
        };
    };
    Connections_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionDto"];
                };
            };
        };
    };
    Connections_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Connections_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConnectionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionDto"];
                };
            };
        };
    };
    Teams_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamDto"][];
                };
            };
        };
    };
    Teams_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTeamDto"];
            };
        };
        responses: {
            /** @description The creator becomes the OWNER. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamDto"];
                };
            };
        };
    };
    Teams_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamDetailDto"];
                };
            };
        };
    };
    Teams_listInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationDto"][];
                };
            };
        };
    };
    Teams_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteMemberDto"];
            };
        };
        responses: {
            /** @description 402 QUOTA_EXCEEDED when the owner's plan has no free seat. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationDto"];
                };
            };
        };
    };
    Teams_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationDto"];
                };
            };
        };
    };
    Teams_resend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A new link and a new 7-day expiry; the old link stops working. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationDto"];
                };
            };
        };
    };
    Teams_removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Teams_changeRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeMemberRoleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamMemberDto"];
                };
            };
        };
    };
    Teams_leave: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 409 for the owner, who must transfer ownership first. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Teams_transfer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferOwnershipDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamDetailDto"];
                };
            };
        };
    };
    Invitations_preview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationTokenDto"];
            };
        };
        responses: {
            /** @description The team, role and sender of an invitation link; 404 for an unknown or replaced link. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationPreviewDto"];
                };
            };
        };
    };
    Invitations_accept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationTokenDto"];
            };
        };
        responses: {
            /** @description 410 INVITATION_EXPIRED when the link is older than 7 days. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamDto"];
                };
            };
        };
    };
    Invitations_decline: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationTokenDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationDto"];
                };
            };
        };
    };
    Crawls_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawlPageDto"];
                };
            };
        };
    };
    Crawls_start: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued; follow progress on the crawl or its job. 409 when one is already running. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawlDto"];
                };
            };
        };
    };
    Crawls_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawlDto"];
                };
            };
        };
    };
    Crawls_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawlDto"];
                };
            };
        };
    };
    Crawls_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawlDto"];
                };
            };
        };
    };
    Crawls_diff: {
        parameters: {
            query?: {
                /** @description Crawl to compare with; default: the previous completed crawl of the site */
                against?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawlDiffDto"];
                };
            };
        };
    };
    SearchConsole_status: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchConsoleStatusDto"];
                };
            };
        };
    };
    SearchConsole_disconnect: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Consent withdrawn at Google and the token forgotten; stored metrics stay */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SearchConsole_impact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the site's measured fixes did to search traffic, for the overview */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FixImpactSummaryDto"];
                };
            };
        };
    };
    SearchConsole_authorize: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchConsoleAuthorizationDto"];
                };
            };
        };
    };
    SearchConsole_properties: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchConsolePropertiesDto"];
                };
            };
        };
    };
    SearchConsole_chooseProperty: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChoosePropertyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchConsoleStatusDto"];
                };
            };
        };
    };
    SearchConsoleCallback_callback: {
        parameters: {
            query: {
                state: string;
                code?: string;
                /** @description Set by Google when the user declined, e.g. access_denied */
                error?: string;
                scope?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the site's page in the dashboard, with ?searchConsole=connected|choose-property|denied|failed */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Fixes_generatorStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Whether proposals come from Claude or the deterministic rules */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeneratorStatusDto"];
                };
            };
        };
    };
    Fixes_checkConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Checks, without changing anything, that fixes can reach the site: the credentials work, or the snippet is installed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionCheckDto"];
                };
            };
        };
    };
    Fixes_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Comma-separated, e.g. APPROVED,APPLYING,APPLIED to follow fixes on their way to the site */
                status?: ("PROPOSED" | "APPROVED" | "REJECTED" | "APPLYING" | "APPLIED" | "FAILED" | "ROLLING_BACK" | "ROLLED_BACK" | "MANUAL" | "REVERT_PENDING")[];
                risk?: "LOW" | "MEDIUM" | "HIGH";
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FixPageDto"];
                };
            };
        };
    };
    Fixes_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FixDto"];
                };
            };
        };
    };
    Fixes_approveMany: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveFixesDto"];
            };
        };
        responses: {
            /** @description Approved and queued. 402 when the month's fix quota is used up (the fix stays PROPOSED). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FixDto"][];
                };
            };
        };
    };
    Fixes_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Approved and queued for APPLY_FIX. 402 over quota. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FixDto"];
                };
            };
        };
    };
    Fixes_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FixDto"];
                };
            };
        };
    };
    Fixes_rollback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RollbackFixDto"];
            };
        };
        responses: {
            /** @description Queued for ROLLBACK_FIX. 410 after the rollback deadline. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FixDto"];
                };
            };
        };
    };
    Issues_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Comma-separated */
                severity?: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFO")[];
                /** @description Comma-separated; default OPEN and FIXING */
                status?: ("OPEN" | "FIXING" | "FIXED" | "RESOLVED" | "IGNORED")[];
                /** @description Category, e.g. titles, images */
                category?: string;
                /** @description Check id(s), comma-separated, e.g. title-missing */
                type?: string[];
                /** @description Only issues on pages whose URL contains this text */
                url?: string;
                /** @description Search in title, message, URL and evidence */
                q?: string;
                sort?: "impactScore" | "severity" | "lastSeenAt" | "firstSeenAt" | "pageUrl" | "type" | "estimatedTraffic";
                order?: "asc" | "desc";
                /** @description Keyset pagination: the nextCursor of the previous page (same filters and sort). Deep pages cost what the first does; page is then ignored. */
                cursor?: string;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuePageDto"];
                };
            };
        };
    };
    Issues_groups: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Comma-separated */
                severity?: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFO")[];
                /** @description Comma-separated; default OPEN and FIXING */
                status?: ("OPEN" | "FIXING" | "FIXED" | "RESOLVED" | "IGNORED")[];
                /** @description Category, e.g. titles, images */
                category?: string;
                sort?: "count" | "severity" | "affectedPages" | "checkId" | "estimatedTraffic";
                order?: "asc" | "desc";
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matching issues grouped by check, with counts, affected pages, what can be fixed and example pages */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueGroupPageDto"];
                };
            };
        };
    };
    Issues_exportCsv: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Comma-separated */
                severity?: ("CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFO")[];
                /** @description Comma-separated; default OPEN and FIXING */
                status?: ("OPEN" | "FIXING" | "FIXED" | "RESOLVED" | "IGNORED")[];
                /** @description Category, e.g. titles, images */
                category?: string;
                /** @description Check id(s), comma-separated, e.g. title-missing */
                type?: string[];
                /** @description Only issues on pages whose URL contains this text */
                url?: string;
                /** @description Search in title, message, URL and evidence */
                q?: string;
                sort?: "impactScore" | "severity" | "lastSeenAt" | "firstSeenAt" | "pageUrl" | "type" | "estimatedTraffic";
                order?: "asc" | "desc";
                /** @description Keyset pagination: the nextCursor of the previous page (same filters and sort). Deep pages cost what the first does; page is then ignored. */
                cursor?: string;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Issues_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueDetailDto"];
                };
            };
        };
    };
    Issues_ignore: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueDto"];
                };
            };
        };
    };
    Issues_unignore: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssueDto"];
                };
            };
        };
    };
    Issues_checks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every audit check with its explanation and how to fix it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckDto"][];
                };
            };
        };
    };
    Pages_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                /** @description Crawl to explore; default: the latest completed crawl of the site */
                crawlId?: string;
                /** @description Comma-separated HTTP status classes; error = no answer */
                statusClass?: ("2xx" | "3xx" | "4xx" | "5xx" | "error")[];
                /** @description true: only indexable pages; false: only non-indexable ones */
                indexable?: boolean;
                /** @description true: only pages with open issues; false: only pages without */
                hasIssues?: boolean;
                /** @description Only pages at most this many clicks from the start page */
                maxDepth?: number;
                /** @description URL or title contains this text */
                q?: string;
                sort?: "url" | "status" | "depth" | "inlinks" | "issueCount" | "title" | "totalMs" | "wordCount" | "impressions" | "clicks";
                order?: "asc" | "desc";
                /** @description Keyset pagination: the nextCursor of the previous page (same filters and sort); page is then ignored. */
                cursor?: string;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Crawled URLs of one crawl (default: the latest completed) with status, depth, inlinks, indexability and issue count */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrawledPageListDto"];
                };
            };
        };
    };
    Pages_getByUrl: {
        parameters: {
            query: {
                /** @description The page URL, as crawled */
                url: string;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One URL with every issue, its fixes and their history, and the URL across crawls */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageDetailDto"];
                };
            };
        };
    };
    Pages_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                pageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One crawled page with every issue on its URL, its fixes and their history */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageDetailDto"];
                };
            };
        };
    };
    Billing_overview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillingOverviewDto"];
                };
            };
        };
    };
    Billing_checkout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCheckoutDto"];
            };
        };
        responses: {
            /** @description Stripe Checkout URL. 503 BILLING_DISABLED without a Stripe key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedirectUrlDto"];
                };
            };
        };
    };
    Billing_portal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stripe Customer Portal URL. 409 before the first checkout. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedirectUrlDto"];
                };
            };
        };
    };
    Billing_webhook: {
        parameters: {
            query?: never;
            header: {
                "stripe-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 400 when the signature is forged or older than the tolerance. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAckDto"];
                };
            };
        };
    };
    AdminPlans_setPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetPlanDto"];
            };
        };
        responses: {
            /** @description Sets a user's plan directly (the way to change plans when billing is off). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserPlanDto"];
                };
            };
        };
    };
    Plans_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
                status?: "PENDING" | "APPROVED" | "REJECTED" | "EXECUTING" | "COMPLETED" | "FAILED";
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanPageDto"];
                };
            };
        };
    };
    Plans_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDetailDto"];
                };
            };
        };
    };
    Plans_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description Without a body the whole plan is approved */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ApprovePlanDto"];
            };
        };
        responses: {
            /** @description Approved (all of it, or the fixIds chosen); APPLY_PLAN applies the fixes in order. 402 when the quota cannot cover them. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDetailDto"];
                };
            };
        };
    };
    Plans_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanDetailDto"];
                };
            };
        };
    };
    Snippet_script: {
        parameters: {
            query?: never;
            header: {
                "if-none-match": string;
            };
            path: {
                snippetKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JavaScript that applies the site's active fixes; ETag / If-None-Match answer 304 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/javascript": unknown;
                };
            };
        };
    };
    Integrations_wordpressPluginZip: {
        parameters: {
            query?: never;
            header: {
                "if-none-match": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Seology plugin for WordPress, to install with Plugins > Add New > Upload Plugin; ETag / If-None-Match answer 304 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
        };
    };
    AiChat_status: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Whether the assistant can answer (an Anthropic API key is configured) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssistantStatusDto"];
                };
            };
        };
    };
    AiChat_list: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's conversations about this site, most recent first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationPageDto"];
                };
            };
        };
    };
    AiChat_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConversationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationDto"];
                };
            };
        };
    };
    AiChat_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationDetailDto"];
                };
            };
        };
    };
    AiChat_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AiChat_sendMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessageDto"];
            };
        };
        responses: {
            /** @description text/event-stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
        };
    };
    Reports_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportListDto"];
                };
            };
        };
    };
    Reports_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReportDto"];
            };
        };
        responses: {
            /** @description PENDING; the worker renders the PDF and the CSV pack (poll the list) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportDto"];
                };
            };
        };
    };
    Reports_schedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportScheduleDto"];
                };
            };
        };
    };
    Reports_updateSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateReportScheduleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportScheduleDto"];
                };
            };
        };
    };
    Reports_branding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportBrandingDto"];
                };
            };
        };
    };
    Reports_updateBranding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateReportBrandingDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportBrandingDto"];
                };
            };
        };
    };
    Reports_removeBranding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportBrandingDto"];
                };
            };
        };
    };
    Reports_download: {
        parameters: {
            query: {
                format: "pdf" | "csv";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF, or the CSV pack as a zip of one CSV per section */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
