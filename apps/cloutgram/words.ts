import { defineMessages } from '@handset/sdk/i18n';

/** What the server writes in the recipient's language: banners by kind, and a story reply's line in Messages. */
export const serverWords = defineMessages(
  {
    like: 'liked your post',
    comment: 'commented: {text}',
    reply: 'replied: {text}',
    comment_like: 'liked your comment',
    follow: 'started following you',
    request: 'asked to follow you',
    storyReply: 'Replied to your story: {text}',
  },
  {
    es: {
      like: 'le ha gustado tu publicación',
      comment: 'ha comentado: {text}',
      reply: 'ha respondido: {text}',
      comment_like: 'le ha gustado tu comentario',
      follow: 'ha empezado a seguirte',
      request: 'ha pedido seguirte',
      storyReply: 'Ha respondido a tu historia: {text}',
    },
    de: {
      like: 'gefällt dein Beitrag',
      comment: 'hat kommentiert: {text}',
      reply: 'hat geantwortet: {text}',
      comment_like: 'gefällt dein Kommentar',
      follow: 'folgt dir jetzt',
      request: 'möchte dir folgen',
      storyReply: 'Hat auf deine Story geantwortet: {text}',
    },
  },
);
