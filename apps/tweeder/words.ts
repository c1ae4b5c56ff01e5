import { defineMessages } from '@handset/sdk/i18n';

/** What a banner says the actor did, by kind, in the recipient's language (the page words its list itself). */
export const bannerWords = defineMessages(
  {
    like: 'liked your post',
    repost: 'reposted your post',
    reply: 'replied to you',
    mention: 'mentioned you',
    quote: 'quoted your post',
    follow: 'followed you',
    request: 'asked to follow you',
  },
  {
    es: {
      like: 'le ha gustado tu publicación',
      repost: 'ha republicado tu publicación',
      reply: 'te ha respondido',
      mention: 'te ha mencionado',
      quote: 'ha citado tu publicación',
      follow: 'ha empezado a seguirte',
      request: 'ha pedido seguirte',
    },
    de: {
      like: 'gefällt dein Beitrag',
      repost: 'hat deinen Beitrag repostet',
      reply: 'hat dir geantwortet',
      mention: 'hat dich erwähnt',
      quote: 'hat deinen Beitrag zitiert',
      follow: 'folgt dir jetzt',
      request: 'möchte dir folgen',
    },
  },
);
