// App Service authentication (Easy Auth) with Entra ID in front of an app whose HTTP functions are anonymous:
// a browser user signs in once (a session cookie), a client sends an Entra token, nobody needs a function key.
// No client secret: the app's user-assigned identity signs the client assertion (a federated credential on the
// app registration trusts it; app setting OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID names the identity).

param siteName string

@description('False opens the app to the world: the settings stay, switched off, so a redeploy really opens it.')
param enabled bool

@description('Client id of the lab\'s Entra app registration; may be empty only when authentication is off.')
param clientId string

param tenantId string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: siteName
}

resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: enabled
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: enabled
      unauthenticatedClientAction: enabled ? 'RedirectToLoginPage' : 'AllowAnonymous'
      redirectToProvider: 'azureactivedirectory'
    }
    // Opened to the world: no provider at all (an empty client id would not pass validation).
    identityProviders: enabled
      ? {
          azureActiveDirectory: {
            enabled: true
            registration: {
              clientId: clientId
              clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
              openIdIssuer: '${environment().authentication.loginEndpoint}${tenantId}/v2.0'
            }
            validation: {
              allowedAudiences: [
                'api://${clientId}'
                clientId
              ]
            }
          }
        }
      : {}
    login: {
      tokenStore: {
        enabled: false
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}
