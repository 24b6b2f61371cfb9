package dev.imgcls.io;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import com.google.cloud.storage.StorageRetryStrategy;

import java.io.IOException;
import java.time.Duration;

/**
 * Builds the Cloud Storage client. Credentials come from Google's default chain
 * (GOOGLE_APPLICATION_CREDENTIALS, gcloud's application-default login, the metadata server on
 * Google Cloud); without any, the client is anonymous, which can read public buckets only. The
 * endpoint can be redirected to an emulator with the {@value #HOST_PROPERTY} system property or
 * the {@value #EMULATOR_ENV} environment variable (the name Google's other clients use).
 */
public final class GcsClients {

    public static final String HOST_PROPERTY = "imgcls.gcs.host";
    public static final String EMULATOR_ENV = "STORAGE_EMULATOR_HOST";

    private static final System.Logger LOG = System.getLogger(GcsClients.class.getName());

    private GcsClients() {}

    /**
     * Retries for transient failures (HTTP 408, 429, 5xx, connection resets): 6 attempts, backoff
     * from 1 s doubling to at most 32 s (gax always jitters it), given up after 2 minutes in total. The same as
     * the client's defaults except a longer total, since a training job would rather wait out a
     * brief outage than die.
     */
    public static RetrySettings defaultRetrySettings() {
        return RetrySettings.newBuilder()
                .setMaxAttempts(6)
                .setInitialRetryDelayDuration(Duration.ofSeconds(1))
                .setRetryDelayMultiplier(2.0)
                .setMaxRetryDelayDuration(Duration.ofSeconds(32))
                .setInitialRpcTimeoutDuration(Duration.ofSeconds(50))
                .setRpcTimeoutMultiplier(1.0)
                .setMaxRpcTimeoutDuration(Duration.ofSeconds(50))
                .setTotalTimeoutDuration(Duration.ofMinutes(2))
                .build();
    }

    /** The client for this environment: an emulator if one is configured, else real GCS. */
    public static Storage fromEnvironment() {
        String host = System.getProperty(HOST_PROPERTY);
        if (host == null || host.isBlank()) {
            host = System.getenv(EMULATOR_ENV);
        }
        if (host != null && !host.isBlank()) {
            return forEmulator(host, defaultRetrySettings());
        }
        return builder(defaultRetrySettings()).setCredentials(defaultCredentials()).build().getService();
    }

    /** A client for a local server speaking the JSON API ({@code host:port} or a URL), without credentials. */
    public static Storage forEmulator(String host, RetrySettings retry) {
        String url = host.contains("://") ? host : "http://" + host;
        LOG.log(System.Logger.Level.INFO, "Cloud Storage requests go to " + url + " (emulator), without credentials");
        return builder(retry).setHost(url).setProjectId("emulator").setCredentials(NoCredentials.getInstance())
                .build().getService();
    }

    private static StorageOptions.Builder builder(RetrySettings retry) {
        // Uniform retries: also retry uploads and deletes, which the default strategy leaves alone
        // unless they carry preconditions. Ours are whole-object writes of fixed bytes, so a
        // repeated attempt stores the same content.
        return StorageOptions.http()
                .setRetrySettings(retry)
                .setStorageRetryStrategy(StorageRetryStrategy.getUniformStorageRetryStrategy());
    }

    private static Credentials defaultCredentials() {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "no Google credentials found (" + e.getMessage()
                    + "); using anonymous Cloud Storage access, which can only read public buckets");
            return NoCredentials.getInstance();
        }
    }
}
