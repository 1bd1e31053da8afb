package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Link preview settings; previews are off for everything the bot sends. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LinkPreviewOptions(boolean isDisabled) {

    /** Previews off. */
    public static final LinkPreviewOptions DISABLED = new LinkPreviewOptions(true);
}
